import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The Content-Security-Policy. Scripts run only from this origin or, for a console page, with
 * that response's nonce: Next puts the nonce on its own inline bootstrap scripts (it reads it
 * from the request's CSP header) and 'strict-dynamic' lets them load the page's chunks. An
 * injected inline script has no nonce and is blocked. Styles stay 'unsafe-inline': React and the
 * widgets set style attributes, which a nonce can't cover.
 */
export function contentSecurityPolicy(dev: boolean, nonce?: string): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    // Dev mode also needs eval for fast refresh.
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce for one console response. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Headers every response carries, console and API alike (a console page swaps in its nonce CSP). */
export function securityHeaders(dev: boolean, https: boolean): Record<string, string> {
  const csp = contentSecurityPolicy(dev);
  const h: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (https) h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return h;
}

/**
 * Cross-site request check for every state-changing console request (server actions and the
 * sign-in endpoints): the Origin must be this server's own. A missing or "null" Origin fails.
 */
export function isSameOriginWrite(req: IncomingMessage, https: boolean): boolean {
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  return origin === `${https ? "https" : "http"}://${host}`;
}

export function applyHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
}
