import { z } from "zod";

// The signed request of specs/api-auth.md as zod schemas, for /openapi.json. parseJws (jws.ts)
// keeps its hand-written checks because it runs on every request and they cost a tenth of a
// zod parse; jws-schema.test.ts proves both accept exactly the same headers and payloads.

export const JWS_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

export const jwsHeaderSchema = z
  .object({
    alg: z.string().meta({ description: "HS256 for a generated token (key: the secret key's UTF-8 bytes); ES256 for an uploaded public key (raw 64-byte R‖S signature). The token's type decides, never this field.", examples: ["HS256", "ES256"] }),
    kid: z.string().min(1).max(100).meta({ description: "The API token ID." }),
    method: z.enum(JWS_METHODS).meta({ description: "The resource's HTTP method." }),
    "content-type": z.string().meta({ description: "Media type of the resource payload.", example: "application/json" }),
    uri: z.string().startsWith("/").meta({ description: "The resource path, without host or query.", example: "/v3/reporting/devices" }),
    "query-string": z.string().meta({ description: "The query, URL-encoded, without the leading ?; empty when there is none.", example: "pageSize=10" }),
    issuedAt: z.int().meta({ description: "When the request was made, Unix epoch milliseconds (UTC); must be within the allowed clock skew (default ±5 minutes). The same JWS is accepted once.", example: 1638572152000 }),
    // RFC 7515 §4.1.11: extensions the server does not understand make the JWS invalid.
    crit: z.never().optional().meta({ description: "Not accepted." }),
    b64: z.never().optional().meta({ description: "Not accepted." }),
  })
  .meta({ id: "JwsProtectedHeader", description: "The JWS protected header: which token signed the request and which resource it calls." });

export const jwsPayloadSchema = z
  .object({ data: z.unknown().optional().meta({ description: "The resource's request body; absent for a GET or an empty body." }) })
  .meta({ id: "JwsPayload", description: "The JWS payload: {} or {\"data\": <request body>}." });

export const compactJwsSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/)
  .max(1024 * 1024)
  .meta({
    description: "A compact JWS (RFC 7515): BASE64URL(JwsProtectedHeader) . BASE64URL(JwsPayload) . BASE64URL(signature).",
    example: "eyJhbGciOiJIUzI1NiIsImtpZCI6ImNlOTc3OGJmLWV4YW0tcDFlYy1hZmUzLTkxZTkzNTU2MDNhMyIsIm1ldGhvZCI6IkdFVCIsImNvbnRlbnQtdHlwZSI6ImFwcGxpY2F0aW9uL2pzb24iLCJ1cmkiOiIvdjMvcmVwb3J0aW5nL2FwcGxpY2F0aW9ucyIsInF1ZXJ5LXN0cmluZyI6Im9yZGVyQnk9ZXNuJTJDZGV2aWNlTmFtZSUzQWRlc2MlMkNkZXZpY2VVaWQlM0Fhc2MiLCJpc3N1ZWRBdCI6MTYzODU3MjE1MjAwMH0.e30.szxYnuRrK1GlCUWu7rKp2VXobmmZXG3US92gnuYKrrA",
  });
