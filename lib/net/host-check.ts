import ipaddr from "ipaddr.js";

/**
 * Which Host headers the server answers (DNS rebinding: a page on attacker.example whose name
 * later resolves to 127.0.0.1 would otherwise be "same origin" with the console). With
 * KEYWARD_URL set, only its host (and KEYWARD_ALLOWED_HOSTS, for extra names of the same
 * installation); while it is unset, only loopback names and IP literals, which no rebinding
 * page can have as its origin.
 */
export function makeHostCheck(keywardUrl: string | undefined, extraHosts: string | undefined): (host: string | undefined) => boolean {
  const named = new Set((extraHosts ?? "").split(/[\s,]+/).filter(Boolean).map((h) => h.toLowerCase()));
  if (keywardUrl) named.add(new URL(keywardUrl).hostname.toLowerCase());
  const seen = new Map<string, boolean>();
  return (host) => {
    if (!host) return false;
    let ok = seen.get(host);
    if (ok === undefined) {
      ok = allowed(hostnameOf(host), named, Boolean(keywardUrl));
      // Bounded: an attacker sending random Host headers must not grow it without limit.
      if (seen.size < 1000) seen.set(host, ok);
    }
    return ok;
  };
}

function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
}

function allowed(hostname: string, named: Set<string>, configured: boolean): boolean {
  if (named.has(hostname)) return true;
  if (configured) return false;
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  const literal = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(literal) && (literal.includes(":") || /^\d{1,3}(\.\d{1,3}){3}$/.test(literal));
}
