import ipaddr from "ipaddr.js";
import { LRUCache } from "lru-cache";
import proxyaddr from "proxy-addr";

/** The header server.ts sets from the socket; any incoming copy is stripped first. */
export const CLIENT_IP_HEADER = "x-keyward-client-ip";

/** The request's path and query as the server received it, for pages that send a signed-out visitor to sign in and back. */
export const REQUEST_PATH_HEADER = "x-keyward-request-path";

/** Canonical text of an address; IPv4-mapped IPv6 (::ffff:1.2.3.4) becomes plain IPv4. */
export function canonicalIp(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.process(address);
  return parsed.toString();
}

/**
 * Canonical socket addresses: every request resolves its peer, and the same few peers (each
 * keep-alive connection, a proxy) come back again and again. "" marks an unparsable one.
 */
const peers = new LRUCache<string, string>({ max: 10_000 });

function canonicalPeer(peer: string): string | null {
  let ip = peers.get(peer);
  if (ip === undefined) {
    ip = canonicalIp(peer) ?? "";
    peers.set(peer, ip);
  }
  return ip || null;
}

export type TrustedProxies = (address: string, hop: number) => boolean;

/** Parses TRUSTED_PROXIES: addresses or CIDR ranges separated by commas or spaces. Throws on a bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  return proxyaddr.compile((value ?? "").split(/[\s,]+/).filter(Boolean));
}

/**
 * The caller's address: the TCP peer, unless the peer is a trusted proxy, in which case the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy (proxy-addr's walk).
 * Never throws; returns the peer's canonical form when the header is absent, when the entry
 * it lands on is not an address, or when every entry is a trusted proxy.
 */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  const peerIp = (peer && canonicalPeer(peer)) ?? "unknown";
  if (!peer || !forwardedFor) return peerIp;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  // proxy-addr reads only these two fields of the request.
  const request = { socket: { remoteAddress: peer }, headers: { "x-forwarded-for": header } } as unknown as Parameters<typeof proxyaddr>[0];
  const found = proxyaddr(request, proxies);
  // proxy-addr ends on the left-most entry even when it too is a trusted proxy; then no entry
  // names a client, and the peer is the answer.
  const client = canonicalIp(found);
  return client && !proxies(client, 0) ? client : peerIp;
}

/**
 * The origin a person opened the console on, for notice links while KEYWARD_URL is unset: https
 * when a trusted proxy (which ended TLS) says the browser used it — the left-most
 * X-Forwarded-Proto entry is the client-facing proxy's — otherwise http, as this server speaks.
 * From any other peer the header is ignored, like X-Forwarded-For.
 */
export function consoleOrigin(host: string, peer: string | undefined, forwardedProto: string | string[] | undefined, proxies: TrustedProxies): string {
  const peerIp = peer ? canonicalPeer(peer) : null;
  const first = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(",")[0].trim().toLowerCase();
  return `${peerIp && proxies(peerIp, 0) && first === "https" ? "https" : "http"}://${host}`;
}
