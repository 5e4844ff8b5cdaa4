import { describe, expect, it } from "vitest";
import { canonicalIp, consoleOrigin, parseTrustedProxies, resolveClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  const proxies = parseTrustedProxies("10.0.0.1, 192.168.0.0/16 ::1");

  it("uses the socket address when the peer is not a trusted proxy", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For from an untrusted peer even if it claims a trusted address", () => {
    expect(resolveClientIp("198.51.100.7", "10.0.0.1, 127.0.0.1", proxies)).toBe("198.51.100.7");
  });

  it("takes the right-most untrusted hop when the peer is trusted", () => {
    expect(resolveClientIp("10.0.0.1", "6.6.6.6, 203.0.113.5, 192.168.1.2", proxies)).toBe("203.0.113.5");
  });

  it("honours a trusted IPv6 peer", () => {
    expect(resolveClientIp("::1", "2001:db8::1", proxies)).toBe("2001:db8::1");
  });

  it("treats an IPv4-mapped IPv6 peer as its IPv4 address, for trust and for output", () => {
    expect(resolveClientIp("::ffff:10.0.0.1", "203.0.113.5", proxies)).toBe("203.0.113.5");
    expect(resolveClientIp("::ffff:203.0.113.9", undefined, proxies)).toBe("203.0.113.9");
  });

  it("falls back to the peer when the forwarded header is garbage", () => {
    expect(resolveClientIp("10.0.0.1", "not-an-ip", proxies)).toBe("10.0.0.1");
  });

  it("answers the peer when every forwarded entry is a trusted proxy", () => {
    expect(resolveClientIp("10.0.0.1", "192.168.1.2, 192.168.9.9", proxies)).toBe("10.0.0.1");
  });

  it("falls back to the peer when the entry it lands on is garbage, even behind a trusted hop", () => {
    expect(resolveClientIp("10.0.0.1", "203.0.113.5, not-an-ip, 192.168.1.2", proxies)).toBe("10.0.0.1");
  });

  it("accepts repeated headers", () => {
    expect(resolveClientIp("10.0.0.1", ["203.0.113.5", "192.168.4.4"], proxies)).toBe("203.0.113.5");
  });

  it("trusts nobody by default", () => {
    expect(resolveClientIp("10.0.0.1", "203.0.113.5", parseTrustedProxies(undefined))).toBe("10.0.0.1");
  });

  it("canonicalises addresses", () => {
    expect(canonicalIp("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalIp("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(canonicalIp("nope")).toBeNull();
  });

  it("trusts a mapped proxy range", () => {
    expect(resolveClientIp("192.168.3.3", "203.0.113.77", parseTrustedProxies("::ffff:192.168.0.0/112"))).toBe("203.0.113.77");
  });
});

describe("consoleOrigin", () => {
  const proxies = parseTrustedProxies("10.0.0.1");
  it("is https only when a trusted proxy says the browser used https", () => {
    expect(consoleOrigin("keys.example.com", "10.0.0.1", "https", proxies)).toBe("https://keys.example.com");
    expect(consoleOrigin("keys.example.com", "::ffff:10.0.0.1", "HTTPS, http", proxies)).toBe("https://keys.example.com");
    expect(consoleOrigin("keys.example.com", "10.0.0.1", ["https"], proxies)).toBe("https://keys.example.com");
    expect(consoleOrigin("keys.example.com", "10.0.0.1", "http", proxies)).toBe("http://keys.example.com");
    expect(consoleOrigin("keys.example.com", "10.0.0.1", undefined, proxies)).toBe("http://keys.example.com");
  });
  it("ignores X-Forwarded-Proto from anyone else", () => {
    expect(consoleOrigin("127.0.0.1:3000", "192.0.2.7", "https", proxies)).toBe("http://127.0.0.1:3000");
    expect(consoleOrigin("127.0.0.1:3000", undefined, "https", proxies)).toBe("http://127.0.0.1:3000");
  });
});
