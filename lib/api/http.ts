import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb, type Db } from "@/lib/db/client";
import { ApiService } from "./service";

// No "server-only" anywhere under lib/api: server.ts runs this in plain Node.

/** Bodies above this are refused before any parsing (specs/api-auth.md, step 1). */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** Headers every response of the server carries (server.ts: the security headers). */
export type BaseHeaders = Readonly<Record<string, string>>;

const merged = new WeakMap<BaseHeaders, Record<string, string>>();

/** The base headers with the API's own, merged once per base rather than per response. */
function jsonHeaders(base: BaseHeaders): Record<string, string> {
  let h = merged.get(base);
  if (!h) {
    h = { ...base, ...JSON_HEADERS };
    merged.set(base, h);
  }
  return h;
}

let service: ApiService | undefined;
let flushTimer: NodeJS.Timeout | undefined;
let stopState: (() => void) | undefined;

/** The process's API pipeline, shared with the OAuth endpoints and bearer calls (lib/oauth/http.ts). */
export function api(): ApiService {
  return (service ??= new ApiService(getDb()));
}

function send(res: ServerResponse, base: BaseHeaders, status: number, body: string, extra?: Record<string, string | number>): void {
  // All headers in the one writeHead (none set before it, so Node takes them as given rather than
  // through setHeader one by one), and an explicit length: headers and body leave in one write.
  res.writeHead(status, { ...jsonHeaders(base), "Content-Length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

function error(code: string, message: string): string {
  return JSON.stringify({ code, message, details: [] });
}

/** POST /jws/validate: reads the bounded body, then runs the API pipeline on it. */
export function handleJwsRequest(req: IncomingMessage, res: ServerResponse, clientIp: string, base: BaseHeaders = {}): void {
  if (req.method !== "POST") {
    req.resume();
    send(res, base, 405, error("METHOD_NOT_ALLOWED", "Send the signed request with POST."), { Allow: "POST" });
    return;
  }
  readBoundedBody(req, MAX_BODY_BYTES, {
    tooLarge: () => send(res, base, 413, error("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB."), { Connection: "close" }),
    failed: () => send(res, base, 400, error("BAD_REQUEST", "The request body could not be read.")),
    body: (text) => {
      void api()
        .handle(text.trim(), clientIp)
        .then((result) => send(res, base, result.status, result.body, result.headers));
    },
  });
}

/**
 * Reads a request body of at most `limit` bytes for the API and OAuth endpoints. A larger one is
 * refused as soon as its declared length or the bytes so far exceed the limit, and the connection
 * is not drained: reading an arbitrarily large body would be the attack. Exactly one callback runs;
 * callbacks rather than a promise keep the hot path free of extra ticks.
 */
export function readBoundedBody(
  req: IncomingMessage,
  limit: number,
  on: { body: (text: string) => void; tooLarge: () => void; failed: () => void },
): void {
  if (Number(req.headers["content-length"]) > limit) {
    on.tooLarge();
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on("data", (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > limit) {
      done = true;
      chunks.length = 0;
      on.tooLarge();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (done) return;
    done = true;
    on.body((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8"));
  });
  req.on("error", () => {
    if (done) return;
    done = true;
    on.failed();
  });
}

/**
 * Starts the API's background work (the aggregated failure events) on the server's connection;
 * returns the function that stops it and writes what is still pending.
 */
export function startApiBackground(db: Db, intervalMs = 10_000): () => void {
  service ??= new ApiService(db);
  const s = service;
  flushTimer = setInterval(() => void s.flushFailures(), intervalMs);
  flushTimer.unref();
  // Other processes' writes (revocations, suspensions…) reach the token state within a poll.
  stopState = s.state.start();
  // The pending campaign deadlines are read before the server listens, not in the first API call.
  s.state.get("");
  return stopApiBackground;
}

export function stopApiBackground(): void {
  if (flushTimer) clearInterval(flushTimer);
  flushTimer = undefined;
  stopState?.();
  stopState = undefined;
  void service?.flushFailures(undefined, true);
}
