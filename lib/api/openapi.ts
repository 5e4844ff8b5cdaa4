import crypto from "node:crypto";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { ALL_PERMISSIONS, permissionLabel, type Permission } from "@/lib/domain/permissions";
import {
  introspectionRequestSchema,
  introspectionResponseSchema,
  jwksSchema,
  oauthErrorSchema,
  revocationRequestSchema,
  serverMetadataSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from "@/lib/oauth/schemas";
import { API_ERROR_CODES, type ApiErrorCode } from "./errors";
import { MAX_BODY_BYTES } from "./http";
import { compactJwsSchema, jwsHeaderSchema, jwsPayloadSchema } from "./jws-schema";
import { apiErrorSchema } from "./resource-schemas";
import { RESOURCES, type Resource } from "./resources";
import { INTROSPECT_PATH, JWKS_PATH, JWS_PATH, METADATA_PATH, OPENAPI_PATH, REVOKE_PATH, TOKEN_PATH, type ApiRoute } from "./routes";

// /openapi.json, generated from the zod schemas the server validates with (RESOURCES, the JWS
// schemas, lib/oauth/schemas.ts) and the error catalogue; nothing in it is written by hand
// except the prose. Built once per process and server URL.

const OAUTH = "keywardOAuth";
const BASIC = "clientSecretBasic";
const MB = MAX_BODY_BYTES / (1024 * 1024);

const noStore = z.object({ "Cache-Control": z.literal("no-store").meta({ description: "Answers are never cached." }) });
// Sent while a rotation campaign waits for the API token (PRODUCT "Rotation campaigns").
const rotateBy = z.object({
  "Keyward-Rotate-By": z
    .string()
    .optional()
    .meta({ description: "Only while an administrator's rotation campaign requires this API token to be rotated: the deadline (RFC 3339, UTC). Rotate the token in the console before then; at the deadline the console rotates or revokes it." }),
});
const noStoreRotateBy = noStore.extend(rotateBy.shape);
// Sent when the request (or client authentication) used the credential a rotation replaced.
const superseded = noStoreRotateBy.extend({
  "Keyward-Credential-Superseded": z
    .string()
    .optional()
    .meta({ description: "Only when the request was verified with the API token's previous secret or key, during a rotation's overlap: the instant (RFC 3339, UTC) from which that credential stops working. Switch to the new one before then." }),
});
const retryAfter = (text: string) => z.object({ "Retry-After": z.string().meta({ description: text }) });
const wwwAuthenticate = (text: string) => z.object({ "WWW-Authenticate": z.string().meta({ description: text }) });

/** One error response: the codes that can come with this status, each with when it happens. */
function apiErrors(codes: readonly ApiErrorCode[], extra: Partial<Record<number, { when: string; code: ApiErrorCode }[]>> = {}, headers?: Partial<Record<number, z.ZodObject>>): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, { code: ApiErrorCode; when: string }[]>();
  for (const code of codes) {
    const { status, when } = API_ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), { code, when }]);
  }
  for (const [status, list] of Object.entries(extra)) {
    const s = Number(status);
    const known = byStatus.get(s) ?? [];
    for (const item of list ?? []) {
      const i = known.findIndex((k) => k.code === item.code);
      if (i >= 0) known[i] = { code: item.code, when: `${known[i].when} ${item.when}` };
      else known.push(item);
    }
    byStatus.set(s, known);
  }
  const out: ZodOpenApiResponsesObject = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codeEnum = z.enum(list.map((l) => l.code) as [ApiErrorCode, ...ApiErrorCode[]]);
    out[`${status}` as `4${string}`] = {
      description: list.map((l) => `\`${l.code}\`: ${l.when}`).join("\n\n"),
      // Loose: this part only narrows `code`; message and details come from ApiError.
      content: { "application/json": { schema: z.intersection(apiErrorSchema, z.looseObject({ code: codeEnum })) } },
      ...(headers?.[status] ? { headers: headers[status] } : {}),
    };
  }
  return out;
}

type OAuthErrorCode = z.infer<typeof oauthErrorSchema>["error"];

const OAUTH_STATUS_TEXT = {
  400: "RFC 6749 §5.2: the request is malformed, or asks for what cannot be granted (unauthorized_client: the caller's IP address is outside the API token's allowlist).",
  401: "RFC 6749 §5.2: the client could not be authenticated (wrong secret, unknown client, bad assertion — deliberately not told apart).",
  413: "The form is larger than the endpoint accepts.",
  429: "The API token has as many client assertions within the time window as Keyward keeps for one token; other tokens are unaffected. Retry after the `Retry-After` seconds.",
  500: "The server could not complete the request.",
  503: "Too many requests right now; try again shortly.",
} as const;

/** RFC 6749 §5.2 error responses; every OAuth endpoint can also answer 413, 429, 500 and 503. */
function oauthErrors(e400: readonly OAuthErrorCode[]): ZodOpenApiResponsesObject {
  const statuses: [keyof typeof OAUTH_STATUS_TEXT, readonly OAuthErrorCode[]][] = [
    [400, e400],
    [401, ["invalid_client"]],
    [413, ["invalid_request"]],
    [429, ["temporarily_unavailable"]],
    [500, ["server_error"]],
    [503, ["temporarily_unavailable"]],
  ];
  const out: ZodOpenApiResponsesObject = {};
  for (const [status, errors] of statuses) {
    out[`${status}` as `4${string}`] = {
      description: `${OAUTH_STATUS_TEXT[status]} \`error\`: ${errors.map((e) => `\`${e}\``).join(", ")}.`,
      content: { "application/json": { schema: oauthErrorSchema.extend({ error: z.enum(errors as [OAuthErrorCode, ...OAuthErrorCode[]]) }) } },
      headers:
        status === 401
          ? noStore.extend(wwwAuthenticate('Basic realm="keyward", as RFC 6749 §5.2 requires for invalid_client.').shape)
          : status === 429
            ? noStore.extend(retryAfter("Seconds until the token's oldest kept assertion expires and makes room.").shape)
            : noStore,
    };
  }
  return out;
}

function permissionList(perms: readonly Permission[]): string {
  return perms.map((p) => `${permissionLabel(p)} (\`${p}\`)`).join(", ");
}

const operationId = (summary: string) => summary.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());

/** A resource at its own path, called with a bearer access token. */
function resourceOperation(key: string, r: Resource): ZodOpenApiOperationObject {
  const [method, uri] = key.split(" ");
  const refusals = r.doc.refusals ?? [];
  const description = [
    r.doc.description,
    `**Required permissions:** ${permissionList(r.permissions)}. The access token's scope and the API token's permissions (capped by its creator's current role) must both include them.`,
    `**As a signed request:** \`POST ${JWS_PATH}\` with \`"method": "${method}"\` and \`"uri": "${uri}"\` in the JWS header${r.query ? ", the query in \"query-string\"" : ""}${r.body ? ' and the body as the payload\'s "data"' : ""}. It answers the same, with the errors listed under ${JWS_PATH}.`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const codes: ApiErrorCode[] = ["BAD_REQUEST", "UNAUTHORIZED", "IP_NOT_ALLOWED", "FORBIDDEN", "INTERNAL_ERROR"];
  if (r.body) codes.push("VALIDATION_ERROR", "PAYLOAD_TOO_LARGE");
  return {
    operationId: operationId(r.doc.summary),
    summary: r.doc.summary,
    description,
    tags: ["Resources"],
    security: [{ [OAUTH]: [...r.permissions] }],
    "x-keyward-permissions": [...r.permissions],
    ...(r.query ? { requestParams: { query: r.query } } : {}),
    ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: r.body } } } } : {}),
    responses: {
      200: { description: "The resource's answer.", content: { "application/json": { schema: r.response } }, headers: noStoreRotateBy },
      ...apiErrors(codes, { 400: refusals.map(({ code, when }) => ({ code, when })) }, {
        401: wwwAuthenticate('RFC 6750 §3: Bearer realm="keyward", with error="invalid_token" when a token was sent.'),
        403: wwwAuthenticate('RFC 6750 §3: error="insufficient_scope" and the required scope when a permission is missing.'),
      }),
    },
  };
}

function jwsOperation(): ZodOpenApiOperationObject {
  const rows = [...RESOURCES].map(([key, r]) => `| \`${key}\` | ${permissionList(r.permissions)} |`);
  const refusals = [...RESOURCES.values()].flatMap((r) => r.doc.refusals ?? []);
  const responses = [...RESOURCES.values()].map((r) => r.response) as [z.ZodType, z.ZodType, ...z.ZodType[]];
  return {
    operationId: "callSignedRequest",
    summary: "Call a resource with a signed request",
    description: [
      "The body is a compact JWS signed with the API token's key: HS256 with the secret key of a generated token, ES256 with the private key of an uploaded public key. Its protected header (schema `JwsProtectedHeader`) names the token and the resource; its payload (schema `JwsPayload`) carries the resource's request body.",
      "The server checks, in order: a well-formed JWS of at most 1 MB; the token (`kid`) and its signature; `issuedAt` within the allowed clock skew, and the same JWS only once; the token's status; the caller's IP against the token's allowlist; the resource's permissions. Then it answers as the resource does at its own path.",
      "| resource | required permissions |\n|---|---|\n" + rows.join("\n"),
    ].join("\n\n"),
    tags: ["Signed requests"],
    security: [],
    requestBody: { required: true, content: { "text/plain": { schema: compactJwsSchema } } },
    responses: {
      200: { description: "The resource's answer (see the resource's own operation).", content: { "application/json": { schema: z.union(responses) } }, headers: superseded },
      ...apiErrors(
        (Object.keys(API_ERROR_CODES) as ApiErrorCode[]).filter((c) => c !== "METHOD_NOT_ALLOWED"),
        { 400: refusals.map(({ code, when }) => ({ code, when })) },
        { 429: retryAfter("Seconds until the token's oldest kept request expires and makes room.") },
      ),
    },
  };
}

const clientAuthText =
  "Client authentication: `client_secret_basic` (HTTP Basic, the token ID as user name and the secret key as password), `client_secret_post` (`client_id` and `client_secret` in the form), `client_secret_jwt` (an HS256 assertion signed with the secret key) or `private_key_jwt` (an ES256 assertion signed with the uploaded key's private key; RFC 7523, `iss` = `sub` = the token ID, `aud` = the token endpoint or the issuer, `exp` at most 5 minutes ahead, a fresh `jti`).";

const form = (schema: z.ZodType) => ({ required: true, content: { "application/x-www-form-urlencoded": { schema } } });

function oauthOperations(): ZodOpenApiPathsObject {
  const clientAuth: Record<string, string[]>[] = [{ [BASIC]: [] }, {}];
  return {
    [TOKEN_PATH]: {
      post: {
        operationId: "requestAccessToken",
        summary: "Exchange an API token for an access token",
        description: [
          "RFC 6749 §4.4 client credentials grant. The client is an API token: its ID is the client ID.",
          clientAuthText,
          "`scope` (optional) is a space-separated list of permission names; it narrows the token's permissions and never widens them. With `openid` the answer also has an `id_token` about the API token's creator.",
          "The access token is a JWT (RFC 9068, `typ: at+jwt`) signed ES256 with Keyward's key, verifiable offline with the keys at " + JWKS_PATH + ". Use it as `Authorization: Bearer <access_token>` on any resource.",
        ].join("\n\n"),
        tags: ["OAuth 2.0"],
        security: clientAuth,
        requestBody: form(tokenRequestSchema),
        responses: {
          200: { description: "The access token.", content: { "application/json": { schema: tokenResponseSchema } }, headers: superseded },
          ...oauthErrors(["invalid_request", "invalid_scope", "unsupported_grant_type", "unauthorized_client"]),
        },
      },
    },
    [INTROSPECT_PATH]: {
      post: {
        operationId: "introspectAccessToken",
        summary: "Introspect an access token",
        description: `RFC 7662. A client learns only about its own access tokens: anyone else's answer \`{"active": false}\`.\n\n${clientAuthText}`,
        tags: ["OAuth 2.0"],
        security: clientAuth,
        requestBody: form(introspectionRequestSchema),
        responses: {
          200: { description: "Whether the token is active and, if so, its claims.", content: { "application/json": { schema: introspectionResponseSchema } }, headers: superseded },
          ...oauthErrors(["invalid_request", "unauthorized_client"]),
        },
      },
    },
    [REVOKE_PATH]: {
      post: {
        operationId: "revokeAccessToken",
        summary: "Revoke an access token",
        description: `RFC 7009. Revokes one of the client's own access tokens; an unknown, expired or foreign token is answered 200 all the same.\n\n${clientAuthText}`,
        tags: ["OAuth 2.0"],
        security: clientAuth,
        requestBody: form(revocationRequestSchema),
        responses: {
          200: { description: "Revoked, or nothing to revoke. Empty body.", headers: superseded },
          ...oauthErrors(["invalid_request", "unsupported_token_type", "unauthorized_client"]),
        },
      },
    },
    [METADATA_PATH]: {
      get: {
        operationId: "getAuthorizationServerMetadata",
        summary: "Authorization server metadata",
        description: "RFC 8414: the endpoints, grant types, client authentication methods and scopes (the permission names) an OAuth client library needs. Cacheable.",
        tags: ["Discovery"],
        security: [],
        responses: { 200: { description: "The metadata.", content: { "application/json": { schema: serverMetadataSchema } } } },
      },
    },
    [JWKS_PATH]: {
      get: {
        operationId: "getJsonWebKeySet",
        summary: "Signing keys (JWKS)",
        description: "RFC 7517: the public keys that verify access tokens and ID tokens — the current key and the previous one, so a token signed just before a rotation still verifies. Cacheable.",
        tags: ["Discovery"],
        security: [],
        responses: { 200: { description: "The key set.", content: { "application/json": { schema: jwksSchema } } } },
      },
    },
  };
}

const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ description: "An OpenAPI 3.1 document." });

/** The document; `serverUrl` is KEYWARD_URL when set (else relative to where it was fetched). */
export function buildOpenApiDocument(serverUrl?: string): ReturnType<typeof createDocument> {
  const base = serverUrl?.replace(/\/+$/, "") ?? "";
  const paths: ZodOpenApiPathsObject = {
    [JWS_PATH]: { post: jwsOperation() },
    ...oauthOperations(),
    [OPENAPI_PATH]: {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This API reference",
        description: "This document, generated from the schemas the server validates with. Rendered in the console at /docs/api.",
        tags: ["Discovery"],
        security: [],
        responses: { 200: { description: "The OpenAPI document.", content: { "application/json": { schema: openApiDocumentSchema } } } },
      },
    },
  };
  for (const [key, r] of RESOURCES) {
    const [method, path] = key.split(" ");
    paths[path] = { ...paths[path], [method.toLowerCase()]: resourceOperation(key, r) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Keyward API",
      version: "3",
      description: [
        "Programs call Keyward's resources with an API token in one of two ways:",
        `- **Signed requests**: sign each call as a JWS with the token's key and post it to \`${JWS_PATH}\`.`,
        `- **OAuth 2.0 client credentials**: exchange the token for a short-lived access token at \`${TOKEN_PATH}\`, then call each resource at its own path with \`Authorization: Bearer <access token>\`.`,
        "Either way a call may do only what the token's permissions allow, capped by its creator's current role; a token limited to a device group sees only that group's devices. Refusals are `{ code, message, details }` with a stable `code`; the OAuth endpoints answer as RFC 6749 §5.2 says.",
        `Request bodies are at most ${MB} MB.`,
      ].join("\n\n"),
    },
    servers: [{ url: base || "/" }],
    tags: [
      { name: "Signed requests", description: "Resources called through one endpoint with a JWS." },
      { name: "Resources", description: "Each resource at its own path, with a bearer access token." },
      { name: "OAuth 2.0", description: "Token exchange, introspection and revocation." },
      { name: "Discovery", description: "Documents that describe the server, cacheable." },
    ],
    paths,
    components: {
      schemas: { JwsProtectedHeader: jwsHeaderSchema, JwsPayload: jwsPayloadSchema },
      securitySchemes: {
        [OAUTH]: {
          type: "oauth2",
          description: "An access token from the client credentials grant, sent as `Authorization: Bearer`. The scopes are the permission names.",
          flows: {
            clientCredentials: {
              tokenUrl: `${base}${TOKEN_PATH}`,
              scopes: Object.fromEntries([...ALL_PERMISSIONS.map((p) => [p, permissionLabel(p)]), ["openid", "Also return an ID token about the API token's creator."]]),
            },
          },
        },
        [BASIC]: { type: "http", scheme: "basic", description: "client_secret_basic: the API token ID as user name, its secret key as password." },
      },
    },
  });
}

/** The (method, path) pairs a document describes, for comparing with the routes served. */
export function documentedRoutes(doc: { paths?: Record<string, Record<string, unknown> | undefined> }): ApiRoute[] {
  const methods = ["get", "post", "put", "delete"] as const;
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((m) => item?.[m]).map((m) => ({ method: m.toUpperCase() as ApiRoute["method"], path })),
  );
}

/** One tag of the document with its operations, in the document's order: the reference page's overview. */
export type ApiOverviewGroup = { tag: string; description: string; operations: { method: string; path: string; summary: string }[] };

type Operation = { tags?: string[]; summary?: string };
let overview: ApiOverviewGroup[] | undefined;

/** Every operation by tag (method, path, summary), built once per process from the document. */
export function apiOverview(): ApiOverviewGroup[] {
  if (!overview) {
    const doc = JSON.parse(openApiJson().body) as { tags: { name: string; description: string }[]; paths: Record<string, Record<string, Operation>> };
    const groups: ApiOverviewGroup[] = doc.tags.map((t) => ({ tag: t.name, description: t.description, operations: [] }));
    for (const { method, path } of documentedRoutes(doc)) {
      const op = doc.paths[path][method.toLowerCase()];
      groups.find((g) => g.tag === op.tags?.[0])?.operations.push({ method, path, summary: op.summary ?? "" });
    }
    overview = groups;
  }
  return overview;
}

const cache = new Map<string, { body: string; etag: string }>();

/** The serialised document and its ETag, generated once per process and server URL. */
export function openApiJson(serverUrl = process.env.KEYWARD_URL ?? ""): { body: string; etag: string } {
  let hit = cache.get(serverUrl);
  if (!hit) {
    const body = JSON.stringify(buildOpenApiDocument(serverUrl || undefined));
    hit = { body, etag: `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
    cache.set(serverUrl, hit);
  }
  return hit;
}
