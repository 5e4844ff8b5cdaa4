import { compileAllowlist } from "@/lib/domain/ip-allowlist";

const compiled = new Map<string, (clientIp: string) => boolean>();

/**
 * Whether a client address falls in a token's allowlist. Entries arrive as one "\n"-joined
 * string per token (from the token query), so the compiled matcher is cached by that string
 * instead of re-parsing CIDRs on every request.
 */
export function ipAllowed(clientIp: string, entries: string): boolean {
  let match = compiled.get(entries);
  if (!match) {
    match = compileAllowlist(entries.split("\n"));
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(entries, match);
  }
  return match(clientIp);
}
