import { LRUCache } from "lru-cache";
import { compileAllowlist } from "@/lib/domain/ip-allowlist";

const compiled = new LRUCache<string, (clientIp: string) => boolean>({ max: 10_000 });

/**
 * Whether a client address falls in a token's allowlist. Entries arrive as one "\n"-joined
 * string per token (from the token query), so the compiled matcher is cached by that string
 * instead of re-parsing CIDRs on every request.
 */
export function ipAllowed(clientIp: string, entries: string): boolean {
  let match = compiled.get(entries);
  if (!match) {
    match = compileAllowlist(entries.split("\n"));
    compiled.set(entries, match);
  }
  return match(clientIp);
}
