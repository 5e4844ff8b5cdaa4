import type { QueryKey } from "@tanstack/react-query";

// What a server action changed, told to the query cache (components/query-provider.tsx) without
// importing TanStack Query: only the pages that query (the token list, a campaign's preview, the
// API reference) load it; every other page's actions just have no cache to refresh.
const listeners = new Set<(keys: QueryKey[]) => void>();

export function onQueriesStale(listener: (keys: QueryKey[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function markQueriesStale(keys: QueryKey[]): void {
  if (keys.length) for (const listener of listeners) listener(keys);
}
