import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactJwsSchema, jwsHeaderSchema, jwsPayloadSchema } from "./jws-schema";
import { parseJws } from "./jws";

// The documented schemas must accept exactly what the hot path's hand-written checks accept.

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const SIGNATURE = Buffer.alloc(32, 1).toString("base64url");

function accepted(header: unknown, payload: unknown = {}): boolean {
  try {
    parseJws(`${b64(header)}.${b64(payload)}.${SIGNATURE}`);
    return true;
  } catch {
    return false;
  }
}

const anyJson = fc.jsonValue({ maxDepth: 1 });
const MISSING = Symbol("missing");
/** Mostly a valid value, sometimes one at the edge of the rule, absent, or any JSON at all. */
const field = <T, E>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<E>) =>
  fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: edge, weight: 2 }, { arbitrary: fc.constant(MISSING), weight: 1 }, { arbitrary: anyJson, weight: 1 });
/** Usually absent. */
const rare = fc.oneof({ arbitrary: fc.constant(MISSING), weight: 15 }, { arbitrary: anyJson, weight: 1 });

const header = fc
  .record({
    alg: field(fc.constantFrom("HS256", "ES256"), fc.constantFrom("none", "")),
    kid: field(fc.string({ minLength: 1, maxLength: 40 }), fc.oneof(fc.constant(""), fc.string({ minLength: 99, maxLength: 102 }))),
    method: field(fc.constantFrom("GET", "POST", "PUT", "DELETE"), fc.constantFrom("PATCH", "get")),
    "content-type": field(fc.constantFrom("application/json", ""), fc.constant(1)),
    uri: field(fc.constantFrom("/v3/reporting/devices", "/"), fc.constantFrom("v3/x", "")),
    "query-string": field(fc.constantFrom("", "pageSize=1"), fc.constant(null)),
    issuedAt: field(fc.integer({ min: 0 }), fc.oneof(fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2))),
    crit: rare,
    b64: rare,
    extra: rare,
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== MISSING)));

describe("jwsHeaderSchema", () => {
  it("accepts a header exactly when parseJws does", () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(header, anyJson), (h) => {
        const ok = jwsHeaderSchema.safeParse(h).success;
        if (ok) valid++;
        expect(accepted(h)).toBe(ok);
      }),
      { numRuns: 3000 },
    );
    // The property means little unless both sides were seen.
    expect(valid).toBeGreaterThan(100);
  });
});

describe("jwsPayloadSchema", () => {
  const good = { alg: "HS256", kid: "k", method: "GET", "content-type": "application/json", uri: "/", "query-string": "", issuedAt: 1 };
  it("accepts a payload exactly when parseJws does", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), (p) => {
        expect(accepted(good, p)).toBe(jwsPayloadSchema.safeParse(p).success);
      }),
    );
  });
});

describe("compactJwsSchema", () => {
  it("has an example that is the published conformance vector, well-formed", () => {
    const example = compactJwsSchema.meta()?.example as string;
    expect(compactJwsSchema.safeParse(example).success).toBe(true);
    const { header } = parseJws(example);
    expect(header).toEqual({
      alg: "HS256",
      kid: "ce9778bf-exam-p1ec-afe3-91e9355603a3",
      method: "GET",
      "content-type": "application/json",
      uri: "/v3/reporting/applications",
      "query-string": "orderBy=esn%2CdeviceName%3Adesc%2CdeviceUid%3Aasc",
      issuedAt: 1638572152000,
    });
    expect(example.endsWith(".e30.szxYnuRrK1GlCUWu7rKp2VXobmmZXG3US92gnuYKrrA")).toBe(true);
  });
});
