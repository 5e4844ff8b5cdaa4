import { describe, expect, it } from "vitest";
import { makeHostCheck } from "./host-check";

describe("Host check (DNS rebinding)", () => {
  it("without KEYWARD_URL: loopback names and IP literals only", () => {
    const ok = makeHostCheck(undefined, undefined);
    for (const host of ["localhost:3000", "localhost", "app.localhost:3000", "127.0.0.1:3000", "10.1.2.3", "[::1]:3000", "[2001:db8::1]"]) {
      expect(ok(host), host).toBe(true);
    }
    for (const host of ["attacker.example", "attacker.example:3000", "localhost.attacker.example", "127.0.0.1.nip.io", "0x7f.1", "", undefined]) {
      expect(ok(host), String(host)).toBe(false);
    }
  });

  it("with KEYWARD_URL: its host and the extra names, nothing else", () => {
    const ok = makeHostCheck("https://keys.example.com", "keys-internal.example.com");
    expect(ok("keys.example.com")).toBe(true);
    expect(ok("KEYS.example.com:443")).toBe(true);
    expect(ok("keys-internal.example.com:8443")).toBe(true);
    expect(ok("localhost:3000")).toBe(false);
    expect(ok("127.0.0.1")).toBe(false);
    expect(ok("evil.example.com")).toBe(false);
  });

  it("answers the same for a host it has seen before", () => {
    const ok = makeHostCheck(undefined, undefined);
    expect(ok("attacker.example")).toBe(false);
    expect(ok("attacker.example")).toBe(false);
    expect(ok("localhost:1")).toBe(true);
  });
});
