/** The one error type of the API; http.ts maps it to `{ code, message, details }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
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
