import type { Server } from "node:http";
import type { Socket } from "node:net";
import { wholeNumberFromEnv } from "@/lib/domain/settings";

/**
 * Limits that keep slow or idle connections from exhausting the server (SECURITY: slowloris and
 * slow-body floods): a request must send its headers within `headersMs` and all of itself within
 * `requestMs`; an idle keep-alive connection closes after `keepAliveMs`; and no single address
 * (other than a trusted proxy, which carries everyone's traffic) may hold more than
 * `perAddress` connections, nor the server more than `total`.
 */
export interface ConnectionLimits {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  perAddress: number;
  total: number;
}

export function connectionLimitsFromEnv(env: Record<string, string | undefined> = process.env): ConnectionLimits {
  return {
    headersMs: wholeNumberFromEnv(env, "KEYWARD_HEADERS_TIMEOUT_MS", { fallback: 10_000, min: 1_000, max: 120_000, unit: "milliseconds" }),
    requestMs: wholeNumberFromEnv(env, "KEYWARD_REQUEST_TIMEOUT_MS", { fallback: 30_000, min: 1_000, max: 600_000, unit: "milliseconds" }),
    keepAliveMs: wholeNumberFromEnv(env, "KEYWARD_KEEP_ALIVE_TIMEOUT_MS", { fallback: 65_000, min: 1_000, max: 600_000, unit: "milliseconds" }),
    perAddress: wholeNumberFromEnv(env, "KEYWARD_MAX_CONNECTIONS_PER_IP", { fallback: 256, min: 1, max: 100_000, unit: "connections" }),
    total: wholeNumberFromEnv(env, "KEYWARD_MAX_CONNECTIONS", { fallback: 10_000, min: 1, max: 1_000_000, unit: "connections" }),
  };
}

/** http.createServer options: the request and header timeouts are checked every second, not every 30 s. */
export const SERVER_OPTIONS = { connectionsCheckingInterval: 1_000 } as const;

/** Applies the limits to a server; `exempt` says which peer addresses (trusted proxies) have no per-address cap. */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits, exempt: (address: string) => boolean = () => false): void {
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.requestMs;
  server.keepAliveTimeout = limits.keepAliveMs;
  server.maxConnections = limits.total;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "";
    if (exempt(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
