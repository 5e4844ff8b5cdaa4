import ipaddr from "ipaddr.js";

/** The header server.ts sets from the socket; any incoming copy is stripped first. */
export const CLIENT_IP_HEADER = "x-keyward-client-ip";

/** Canonical text of an address; IPv4-mapped IPv6 (::ffff:1.2.3.4) becomes plain IPv4. */
export function canonicalIp(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.process(address);
  return parsed.toString();
}

export type TrustedProxies = ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

/** Parses TRUSTED_PROXIES: addresses or CIDR ranges separated by commas or spaces. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const range = entry.includes("/") ? entry : `${entry}/${ipaddr.process(entry).kind() === "ipv4" ? 32 : 128}`;
      const [addr, bits] = ipaddr.parseCIDR(range);
      const processed = addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()
        ? (addr as ipaddr.IPv6).toIPv4Address()
        : addr;
      const prefix = processed !== addr ? bits - 96 : bits;
      return [processed, prefix] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    });
}

function isTrusted(address: string, proxies: TrustedProxies): boolean {
  if (!ipaddr.isValid(address)) return false;
  const addr = ipaddr.process(address);
  return proxies.some(([range, bits]) => addr.kind() === range.kind() && addr.match(range, bits));
}

/**
 * The caller's address: the TCP peer, unless the peer is a trusted proxy, in which case the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. Never throws; returns
 * the peer's canonical form when the header is absent or malformed.
 */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  const peerIp = (peer && canonicalIp(peer)) ?? "unknown";
  if (!peer || !isTrusted(peer, proxies) || !forwardedFor) return peerIp;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalIp(hops[i]);
    if (!hop) return peerIp;
    if (!isTrusted(hop, proxies)) return hop;
  }
  return peerIp;
}
