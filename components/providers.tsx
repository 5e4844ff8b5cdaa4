"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* At the bottom: at the top they covered the header's language switch and Sign out. */}
      <Toaster closeButton position="bottom-right" />
    </QueryClientProvider>
  );
}
