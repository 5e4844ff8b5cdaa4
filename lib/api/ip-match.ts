import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses one allowlist entry (address or CIDR); IPv4-mapped IPv6 ranges become IPv4 ranges. */
function parseRange(entry: string): Range | null {
  try {
    const [addr, bits] = entry.includes("/")
      ? ipaddr.parseCIDR(entry)
      : ((a: ipaddr.IPv4 | ipaddr.IPv6) => [a, a.kind() === "ipv4" ? 32 : 128] as const)(ipaddr.parse(entry));
    if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [addr, bits];
  } catch {
    return null;
  }
}

const compiled = new Map<string, Range[]>();

/**
 * Whether a client address falls in one of the allowlist entries. Entries arrive as one
 * "\n"-joined string per token (from the token query), so parsed ranges are cached by it.
 */
export function ipAllowed(clientIp: string, entries: string): boolean {
  let ranges = compiled.get(entries);
  if (!ranges) {
    ranges = entries.split("\n").map(parseRange).filter((r): r is Range => r !== null);
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(entries, ranges);
  }
  if (!ipaddr.isValid(clientIp)) return false;
  const addr = ipaddr.process(clientIp);
  return ranges.some(([range, bits]) => addr.kind() === range.kind() && addr.match(range, bits));
}
