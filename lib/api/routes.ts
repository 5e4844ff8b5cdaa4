import { RESOURCES } from "./resources";

// Every route of the API, the contract between the server's dispatch and /openapi.json:
// openapi.test.ts checks the document has exactly these operations, and e2e/api-docs.spec.ts
// that the running server answers each of them.

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ApiRoute {
  method: HttpMethod;
  path: string;
}

export const JWS_PATH = "/jws/validate";
export const TOKEN_PATH = "/oauth/token";
export const INTROSPECT_PATH = "/oauth/introspect";
export const REVOKE_PATH = "/oauth/revoke";
export const METADATA_PATH = "/.well-known/oauth-authorization-server";
export const JWKS_PATH = "/.well-known/jwks.json";
export const OPENAPI_PATH = "/openapi.json";

/** Answered by server.ts itself, before Next (the OAuth ones through lib/oauth/http.ts). */
export const SERVER_ROUTES: readonly ApiRoute[] = [
  { method: "POST", path: JWS_PATH },
  { method: "POST", path: TOKEN_PATH },
  { method: "POST", path: INTROSPECT_PATH },
  { method: "POST", path: REVOKE_PATH },
  { method: "GET", path: METADATA_PATH },
  { method: "GET", path: JWKS_PATH },
];

/** Every resource at its own path, called with `Authorization: Bearer` (also in server.ts). */
export const RESOURCE_ROUTES: readonly ApiRoute[] = [...RESOURCES.keys()].map((key) => {
  const [method, path] = key.split(" ");
  return { method: method as HttpMethod, path };
});

/** Answered by Next route handlers. */
export const NEXT_ROUTES: readonly ApiRoute[] = [{ method: "GET", path: OPENAPI_PATH }];

export const API_ROUTES: readonly ApiRoute[] = [...SERVER_ROUTES, ...RESOURCE_ROUTES, ...NEXT_ROUTES];
