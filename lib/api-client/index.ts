import crypto from "node:crypto";
import fs from "node:fs";
import { ApiError } from "@/lib/api/errors";

/** A typed API client for programs, the CLI, e2e tests and the benchmark (Node only). */

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
export type Query = string | URLSearchParams | Record<string, string | number | boolean | readonly (string | number)[]>;

export interface SignOptions {
  method: HttpMethod;
  /** Resource path, e.g. /v3/reporting/devices (a query here is moved to the query-string). */
  path: string;
  query?: Query;
  /** JSON-serialisable request data; omitted for GET. */
  body?: unknown;
  tokenId: string;
  /** HS256: the secret key of a generated token. */
  secret?: string;
  /** ES256: the PEM private key matching an uploaded public key. */
  privateKeyPem?: string | crypto.KeyObject;
  /** Unix epoch milliseconds; defaults to now. */
  issuedAt?: number;
}

// One error type on both sides of the wire: what the server throws is what the client rejects with.
export { ApiError } from "@/lib/api/errors";

export function queryString(query: Query | undefined): string {
  if (query === undefined) return "";
  if (typeof query === "string") return query.replace(/^\?/, "");
  if (query instanceof URLSearchParams) return query.toString();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  return params.toString();
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

/** Signs one request as a compact JWS (specs/api-auth.md): HS256 with a secret, ES256 with a private key. */
export function signRequest(o: SignOptions): string {
  const q = o.path.indexOf("?");
  const path = q < 0 ? o.path : o.path.slice(0, q);
  const inlineQuery = q < 0 ? "" : o.path.slice(q + 1);
  const qs = [inlineQuery, queryString(o.query)].filter(Boolean).join("&");
  const alg = o.secret !== undefined ? "HS256" : "ES256";
  if (alg === "ES256" && o.privateKeyPem === undefined) throw new Error("Give either a secret (HS256) or a private key (ES256).");
  // Field order as in the published example, so equal inputs give byte-identical requests.
  const header = {
    alg,
    kid: o.tokenId,
    method: o.method,
    "content-type": "application/json",
    uri: path,
    "query-string": qs,
    issuedAt: o.issuedAt ?? Date.now(),
  };
  const payload = o.body === undefined ? {} : { data: o.body };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature =
    alg === "HS256"
      ? crypto.createHmac("sha256", Buffer.from(o.secret!, "utf8")).update(input).digest()
      : crypto.sign("sha256", Buffer.from(input), {
          key: typeof o.privateKeyPem === "string" ? crypto.createPrivateKey(o.privateKeyPem) : o.privateKeyPem!,
          dsaEncoding: "ieee-p1363",
        });
  return `${input}.${signature.toString("base64url")}`;
}

/** The base URL without a trailing slash or /jws/validate, whichever form a .token file holds. */
export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/jws\/validate$/, "");
}

/** Posts a signed request; resolves to the parsed body on 200, rejects with ApiError otherwise. */
export async function callApi<T = unknown>(baseUrl: string, o: SignOptions, init?: { headers?: Record<string, string> }): Promise<T> {
  const res = await fetch(`${normaliseBaseUrl(baseUrl)}/jws/validate`, {
    method: "POST",
    headers: { "Content-Type": "text/plain", ...init?.headers },
    body: signRequest(o),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, "INVALID_RESPONSE", `The server answered ${res.status} without JSON.`);
  }
  if (res.ok) return parsed as T;
  throw refusalError(res.status, parsed);
}

/** The ApiError for a refused call, from the API's `{ code, message, details }` body; fields that are missing or mistyped get defaults. */
export function refusalError(status: number, body: unknown): ApiError {
  const e = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  return new ApiError(
    status,
    typeof e.code === "string" ? e.code : "UNKNOWN",
    typeof e.message === "string" ? e.message : `The server answered ${status}.`,
    Array.isArray(e.details) ? e.details : [],
  );
}

export interface TokenFile {
  tokenId: string;
  secretKey: string;
  expires?: string;
  apiUrl?: string;
}

/** Parses a `.token` file: `key=value` lines (token_id, secret_key, expires, api_url); `#` starts a comment. */
export function parseTokenFile(text: string): TokenFile {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0) continue;
    values.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
  }
  const tokenId = values.get("token_id");
  const secretKey = values.get("secret_key");
  if (!tokenId || !secretKey) throw new Error("The token file has no token_id or secret_key line.");
  return { tokenId, secretKey, expires: values.get("expires"), apiUrl: values.get("api_url") };
}

export function readTokenFile(path: string): TokenFile {
  return parseTokenFile(fs.readFileSync(path, "utf8"));
}
