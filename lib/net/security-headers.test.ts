import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isSameOriginWrite, newNonce, securityHeaders } from "./security-headers";

const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;

describe("isSameOriginWrite", () => {
  it("lets reads through", () => {
    expect(isSameOriginWrite(req("GET", { host: "a.test" }), false)).toBe(true);
  });
  it("accepts a POST from the server's own origin", () => {
    expect(isSameOriginWrite(req("POST", { host: "a.test:3000", origin: "http://a.test:3000" }), false)).toBe(true);
  });
  it("refuses another origin, a null origin and a missing one", () => {
    expect(isSameOriginWrite(req("POST", { host: "a.test", origin: "https://evil.example" }), false)).toBe(false);
    expect(isSameOriginWrite(req("POST", { host: "a.test", origin: "null" }), false)).toBe(false);
    expect(isSameOriginWrite(req("POST", { host: "a.test" }), false)).toBe(false);
  });
  it("requires https origins when served over https", () => {
    expect(isSameOriginWrite(req("POST", { host: "a.test", origin: "http://a.test" }), true)).toBe(false);
    expect(isSameOriginWrite(req("POST", { host: "a.test", origin: "https://a.test" }), true)).toBe(true);
  });
});

describe("securityHeaders", () => {
  it("forbids framing and sniffing, and adds HSTS only over https", () => {
    const h = securityHeaders(false, false);
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBeTruthy();
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(false, true)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});

describe("contentSecurityPolicy", () => {
  const scriptSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src "));
  it("allows no inline script: a console page's scripts need its nonce", () => {
    expect(scriptSrc(contentSecurityPolicy(false, "abc123=="))).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(scriptSrc(securityHeaders(false, false)["Content-Security-Policy"])).toBe("script-src 'self'");
    expect(scriptSrc(contentSecurityPolicy(true, "n"))).not.toContain("unsafe-inline");
  });
  it("makes a new base64 nonce of 128 bits each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
