import type { IncomingMessage, ServerResponse } from "node:http";
import { api, MAX_BODY_BYTES, readBoundedBody, type BaseHeaders } from "@/lib/api/http";
import { RESOURCES } from "@/lib/api/resources";
import { INTROSPECT_PATH, JWKS_PATH, METADATA_PATH, REVOKE_PATH, TOKEN_PATH } from "@/lib/api/routes";
import { rotationDaysFromEnv, SigningKeys } from "./signing-keys";
import {
  accessTokenTtlFromEnv,
  OAuthError,
  oauthErrorResponse,
  OAuthService,
  type OAuthResponse,
} from "./service";

// No "server-only": server.ts answers these paths in plain Node, before Next.

/** OAuth requests are a few form fields; anything bigger is refused unread. */
export const MAX_FORM_BYTES = 16 * 1024;

/** The plain paths of the API resources, answered with Authorization: Bearer. */
const RESOURCE_PATHS = new Set([...RESOURCES.keys()].map((k) => k.slice(k.indexOf(" ") + 1)));

const OAUTH_POSTS = new Set([TOKEN_PATH, INTROSPECT_PATH, REVOKE_PATH]);

let service: OAuthService | undefined;

function oauth(): OAuthService {
  if (!service) {
    const a = api();
    // One token state per process, shared with the signed requests.
    service = new OAuthService(a, a.state, new SigningKeys(a.db));
  }
  return service;
}

/**
 * Starts the periodic write of exchange counts (the token state's watch of other processes'
 * writes belongs to the API's background, lib/api/http.ts). Throws at start when an OAuth
 * setting is out of range.
 */
export function startOAuthBackground(flushMs = 10_000): () => void {
  accessTokenTtlFromEnv();
  rotationDaysFromEnv();
  const s = oauth();
  const timer = setInterval(() => s.flushExchanges(), flushMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    s.flushExchanges();
  };
}

/** KEYWARD_URL when set (what clients are told and what tokens name), else the request's own origin. */
export function issuerFor(req: IncomingMessage): string {
  const configured = process.env.KEYWARD_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return `http://${req.headers.host ?? `localhost:${process.env.PORT ?? 3000}`}`;
}

/** One writeHead with every header (the server's base ones included) and an explicit length. */
function send(res: ServerResponse, base: BaseHeaders, r: OAuthResponse, contentType = "application/json; charset=utf-8"): void {
  const headers: Record<string, string | number> = { ...base, ...r.headers, "Content-Length": Buffer.byteLength(r.body) };
  if (r.body !== "") headers["Content-Type"] = contentType;
  res.writeHead(r.status, headers);
  res.end(r.body);
}

/** Reads a body up to `limit` bytes; null (after answering 413) when it is larger. */
function readBody(req: IncomingMessage, res: ServerResponse, base: BaseHeaders, limit: number, tooLarge: () => OAuthResponse): Promise<string | null> {
  return new Promise((resolve) =>
    readBoundedBody(req, limit, {
      body: resolve,
      tooLarge: () => {
        send(res, base, tooLarge());
        resolve(null);
      },
      failed: () => resolve(null),
    }),
  );
}

const tooLarge = (): OAuthResponse => {
  const r = oauthErrorResponse(new OAuthError("invalid_request", `The request body is larger than ${MAX_FORM_BYTES / 1024} KB.`, 413));
  return { ...r, headers: { ...r.headers, Connection: "close" } };
};

async function handleForm(req: IncomingMessage, res: ServerResponse, base: BaseHeaders, path: string, ip: string, s: OAuthService): Promise<void> {
  if (req.method !== "POST") {
    req.resume();
    const r = oauthErrorResponse(new OAuthError("invalid_request", "Send the request with POST.", 405));
    send(res, base, { ...r, headers: { ...r.headers, Allow: "POST" } });
    return;
  }
  const body = await readBody(req, res, base, MAX_FORM_BYTES, tooLarge);
  if (body === null) return;
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    send(res, base, oauthErrorResponse(new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded.")));
    return;
  }
  const form = new URLSearchParams(body);
  const issuer = issuerFor(req);
  const auth = req.headers.authorization;
  const r =
    path === TOKEN_PATH
      ? await s.token(form, auth, issuer, ip)
      : path === INTROSPECT_PATH
        ? await s.introspect(form, auth, issuer, ip)
        : await s.revoke(form, auth, issuer, ip);
  send(res, base, r);
}

/**
 * Answers the OAuth endpoints, the discovery documents and bearer calls of the API resources;
 * returns false for any other path (left to Next). `base`: headers every response carries.
 */
export function handleOAuthRequest(req: IncomingMessage, res: ServerResponse, clientIp: string, base: BaseHeaders = {}, s: OAuthService = oauth()): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);

  if (path === METADATA_PATH || path === JWKS_PATH) {
    req.resume();
    const doc = path === METADATA_PATH ? s.metadata(issuerFor(req)) : s.jwks(Date.now());
    // Cacheable, but for less time than a key rotation's overlap, so a new key is seen in time.
    send(res, base, { status: 200, body: JSON.stringify(doc), headers: { "Cache-Control": "public, max-age=300" } });
    return true;
  }
  if (OAUTH_POSTS.has(path)) {
    handleForm(req, res, base, path, clientIp, s).catch((err: unknown) => {
      console.error("OAuth request failed:", err instanceof Error ? err.message : String(err));
      if (!res.headersSent) send(res, base, oauthErrorResponse(new OAuthError("server_error", "The request could not be completed.")));
    });
    return true;
  }
  if (RESOURCE_PATHS.has(path)) {
    const query = q < 0 ? "" : url.slice(q + 1);
    const jsonTooLarge = (): OAuthResponse => ({
      status: 413,
      body: JSON.stringify({ code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 1 MB.", details: [] }),
      headers: { "Cache-Control": "no-store", Connection: "close" },
    });
    const answer = (body: string) => send(res, base, s.bearer(req.method ?? "GET", path, query, body.trim(), req.headers.authorization, issuerFor(req), clientIp));
    if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
      // No body (a GET): answer at once, without waiting a turn for the stream's end.
      req.resume();
      answer("");
      return true;
    }
    void readBody(req, res, base, MAX_BODY_BYTES, jsonTooLarge).then((body) => {
      if (body !== null) answer(body);
    });
    return true;
  }
  return false;
}
