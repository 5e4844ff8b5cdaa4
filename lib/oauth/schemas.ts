import { z } from "zod";

// The OAuth wire formats Keyward speaks. The endpoints validate with these and the OpenAPI
// document is generated from them, so what is documented is what is enforced.

/** RFC 7523 §2.2: the one client_assertion_type Keyward accepts. */
export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** RFC 6749 §2.3 client authentication fields, sent in the form body (not Basic). */
const clientAuthFields = {
  client_id: z.string().min(1).max(100).optional().describe("The API token ID (client_secret_post, or with an assertion)."),
  client_secret: z.string().min(1).max(1000).optional().describe("The API token's secret key (client_secret_post)."),
  client_assertion_type: z.literal(JWT_BEARER_ASSERTION).optional().describe("RFC 7523 assertion type (client_secret_jwt, private_key_jwt)."),
  client_assertion: z.string().min(1).max(8000).optional().describe("The signed JWT: HS256 with the secret key, or ES256 with the uploaded key's private key."),
};

/** RFC 6749 §4.4.2, form-encoded. */
export const tokenRequestSchema = z.object({
  grant_type: z.string().min(1).describe('Must be "client_credentials".'),
  scope: z.string().max(2000).optional().describe("Space-separated permission names (e.g. device-groups.view), optionally openid; narrows the token's permissions."),
  ...clientAuthFields,
});

/** RFC 6749 §5.1. */
export const tokenResponseSchema = z.object({
  access_token: z.string().describe("A JWT (RFC 9068, typ at+jwt) signed ES256 by Keyward's signing key."),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().positive().describe("Seconds until the access token expires."),
  scope: z.string().describe("The granted permissions, space-separated."),
  id_token: z.string().optional().describe("OpenID Connect ID token about the API token's creator, when scope contains openid."),
});

/** RFC 6749 §5.2 (token endpoint) and RFC 7009 §2.2.1 (revocation). */
export const OAUTH_ERROR_CODES = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "unsupported_token_type",
  "server_error",
  "temporarily_unavailable",
] as const;

export const oauthErrorSchema = z.object({
  error: z.enum(OAUTH_ERROR_CODES),
  error_description: z.string().optional(),
});

/** RFC 7662 §2.1, authenticated like the token endpoint. */
export const introspectionRequestSchema = z.object({
  token: z.string().min(1).max(8000),
  token_type_hint: z.string().max(100).optional(),
  ...clientAuthFields,
});

/** RFC 7662 §2.2; everything but `active` is absent for an inactive token. */
export const introspectionResponseSchema = z.object({
  active: z.boolean(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
  token_type: z.string().optional(),
  exp: z.number().int().optional(),
  iat: z.number().int().optional(),
  nbf: z.number().int().optional(),
  sub: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  iss: z.string().optional(),
  jti: z.string().optional(),
});

/** RFC 7009 §2.1. */
export const revocationRequestSchema = z.object({
  token: z.string().min(1).max(8000),
  token_type_hint: z.string().max(100).optional(),
  ...clientAuthFields,
});

/** RFC 8414 §2, the fields Keyward publishes. */
export const serverMetadataSchema = z.object({
  issuer: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  introspection_endpoint: z.string(),
  revocation_endpoint: z.string(),
  grant_types_supported: z.array(z.string()),
  response_types_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  token_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
  introspection_endpoint_auth_methods_supported: z.array(z.string()),
  introspection_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
  revocation_endpoint_auth_methods_supported: z.array(z.string()),
  revocation_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  subject_types_supported: z.array(z.string()),
  service_documentation: z.string().optional(),
});

/** RFC 7517 §5: Keyward publishes P-256 public keys only. */
export const jwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  use: z.literal("sig"),
  alg: z.literal("ES256"),
});

export const jwksSchema = z.object({ keys: z.array(jwkSchema) });

export type TokenRequest = z.infer<typeof tokenRequestSchema>;
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];
export type IntrospectionResponse = z.infer<typeof introspectionResponseSchema>;
export type ServerMetadata = z.infer<typeof serverMetadataSchema>;
export type Jwk = z.infer<typeof jwkSchema>;
