import { UNAUTHORIZED } from "./errors";

/** The protected header of a Keyward API request (specs/api-auth.md). */
export interface JwsHeader {
  alg: string;
  kid: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  "content-type": string;
  uri: string;
  "query-string": string;
  issuedAt: number;
}

export interface ParsedJws {
  header: JwsHeader;
  /** `data` of the payload; undefined when the payload is `{}`. */
  data: unknown;
  /** ASCII `BASE64URL(header).BASE64URL(payload)`, the bytes that were signed. */
  signingInput: string;
  signature: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const METHODS = new Set(["GET", "POST", "PUT", "DELETE"]);

const B64URL_VALUES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Refuses non-canonical base64url (stray padding bits), so one signed request has exactly one
 * textual form. With the alphabet checked, the only other spelling of the same bytes sets the
 * unused low bits of the last character: 4 of them when length % 4 is 2, 2 when it is 3 —
 * checked there rather than by encoding the bytes again.
 */
function checkSegment(segment: string): void {
  const rest = segment.length % 4;
  if (!B64URL.test(segment) || rest === 1) throw UNAUTHORIZED;
  if (rest !== 0 && B64URL_VALUES.indexOf(segment[segment.length - 1]) & (rest === 2 ? 0b1111 : 0b11)) throw UNAUTHORIZED;
}

function decodeSegment(segment: string): Buffer {
  checkSegment(segment);
  return Buffer.from(segment, "base64url");
}

function decodeJson(segment: string): unknown {
  checkSegment(segment);
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw UNAUTHORIZED;
  }
}

/** BASE64URL("{}"), the payload of every request without a body. */
const EMPTY_PAYLOAD = "e30";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses a compact JWS and checks the header's shape. Every failure is the shared 401: a
 * malformed request must look exactly like a bad signature.
 */
export function parseJws(body: string): ParsedJws {
  const first = body.indexOf(".");
  const second = first < 0 ? -1 : body.indexOf(".", first + 1);
  if (second < 0 || body.indexOf(".", second + 1) >= 0) throw UNAUTHORIZED;
  const h = body.slice(0, first);
  const p = body.slice(first + 1, second);
  const s = body.slice(second + 1);
  if (!h || !s) throw UNAUTHORIZED;

  const header = decodeJson(h);
  if (
    !isRecord(header) ||
    typeof header.alg !== "string" ||
    typeof header.kid !== "string" ||
    header.kid.length === 0 ||
    header.kid.length > 100 ||
    typeof header.method !== "string" ||
    !METHODS.has(header.method) ||
    typeof header["content-type"] !== "string" ||
    typeof header.uri !== "string" ||
    !header.uri.startsWith("/") ||
    typeof header["query-string"] !== "string" ||
    typeof header.issuedAt !== "number" ||
    !Number.isSafeInteger(header.issuedAt) ||
    // RFC 7515 §4.1.11: extensions we don't understand must make the JWS invalid.
    "crit" in header ||
    "b64" in header
  ) {
    throw UNAUTHORIZED;
  }

  const payload = p === "" || p === EMPTY_PAYLOAD ? {} : decodeJson(p);
  if (!isRecord(payload)) throw UNAUTHORIZED;

  return {
    header: header as unknown as JwsHeader,
    data: payload.data,
    signingInput: body.slice(0, second),
    signature: decodeSegment(s),
  };
}
