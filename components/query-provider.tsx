"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { onQueriesStale } from "@/components/hooks/stale-queries";

const makeClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } });

// One cache per browser tab, kept across the console's client-side navigations (the token list
// shows what a change made on another page at once); on the server one per render, so no
// user's data is ever in another's page.
let browserClient: QueryClient | null = null;

function queryClient(): QueryClient {
  if (isServer) return makeClient();
  if (!browserClient) {
    const client = makeClient();
    onQueriesStale((keys) => {
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    });
    browserClient = client;
  }
  return browserClient;
}

/** TanStack Query for the pages that fetch through it; the rest of the console does without. */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
