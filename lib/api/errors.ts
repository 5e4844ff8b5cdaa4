/**
 * Every error code the API answers, with its status and when: the one list /openapi.json
 * documents (errors.test.ts checks that lib/api and lib/oauth use no other).
 */
export const API_ERROR_CODES = {
  BAD_REQUEST: { status: 400, when: "The request is malformed: a query parameter, the body or a header is not what the resource accepts." },
  VALIDATION_ERROR: { status: 400, when: "The request data does not match the resource's schema, or names something that does not exist." },
  UNAUTHORIZED: { status: 401, when: "The credential could not be verified (unknown token, bad signature, malformed request — deliberately not told apart)." },
  REQUEST_TIME_INVALID: { status: 401, when: "The signed request's issuedAt is too far from the server's time." },
  REQUEST_REPLAYED: { status: 401, when: "This signed request was already received." },
  TOKEN_REVOKED: { status: 401, when: "The API token was revoked." },
  TOKEN_EXPIRED: { status: 401, when: "The API token has expired." },
  TOKEN_SUSPENDED: { status: 401, when: "The API token's creator is suspended." },
  IP_NOT_ALLOWED: { status: 403, when: "The caller's IP address is outside the API token's allowlist." },
  FORBIDDEN: { status: 403, when: "The API token lacks a permission the resource requires; details name each one." },
  NOT_FOUND: { status: 404, when: "There is no such resource." },
  METHOD_NOT_ALLOWED: { status: 405, when: "The endpoint does not answer this HTTP method." },
  PAYLOAD_TOO_LARGE: { status: 413, when: "The request body is larger than 1 MB." },
  TOO_MANY_REQUESTS: { status: 429, when: "The API token has as many signed requests within the time window as Keyward keeps for one token (KEYWARD_API_REPLAY_MAX_PER_TOKEN); other tokens are unaffected. Retry after the `Retry-After` seconds." },
  INTERNAL_ERROR: { status: 500, when: "The server could not complete the request." },
  SERVICE_BUSY: { status: 503, when: "The request could not be recorded right now (the database is busy); try again shortly." },
} as const satisfies Record<string, { status: number; when: string }>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** The one error type of the API; http.ts maps it to `{ code, message, details }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): string {
    return JSON.stringify({ code: this.code, message: this.message, details: this.details });
  }
}

/**
 * Unknown kid, bad signature, wrong algorithm and malformed JWS all share this one answer, so a
 * caller learns nothing about which token IDs exist.
 */
export const UNAUTHORIZED = new ApiError(401, "UNAUTHORIZED", "The request signature could not be verified.");

export const badRequest = (message: string, details: unknown[] = []) => new ApiError(400, "BAD_REQUEST", message, details);
