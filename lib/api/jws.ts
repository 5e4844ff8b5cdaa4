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

/**
 * Decodes a base64url segment, refusing non-canonical encodings (stray padding bits), so one
 * signed request has exactly one textual form.
 */
function decodeSegment(segment: string): Buffer {
  if (!B64URL.test(segment) || segment.length % 4 === 1) throw UNAUTHORIZED;
  const bytes = Buffer.from(segment, "base64url");
  if (bytes.toString("base64url") !== segment) throw UNAUTHORIZED;
  return bytes;
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(decodeSegment(segment).toString("utf8"));
  } catch {
    throw UNAUTHORIZED;
  }
}

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

  const payload = p === "" ? {} : decodeJson(p);
  if (!isRecord(payload)) throw UNAUTHORIZED;

  return {
    header: header as unknown as JwsHeader,
    data: payload.data,
    signingInput: body.slice(0, second),
    signature: decodeSegment(s),
  };
}
