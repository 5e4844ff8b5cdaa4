"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Toaster } from "sonner";

export function Providers({ children }: { children: React.ReactNode }) {
  const t = useTranslations("ui");
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* At the bottom: at the top they covered the header's language switch and Sign out. */}
      {/* Sonner names its region and close buttons in English unless told. */}
      <Toaster closeButton position="bottom-right" customAriaLabel={t("notifications")} toastOptions={{ closeButtonAriaLabel: t("closeNotification") }} />
    </QueryClientProvider>
  );
}
