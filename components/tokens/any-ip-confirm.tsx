"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { allowsEveryAddress } from "@/lib/domain/ip-allowlist";

// Radix's dialog (about 17 KB gzip) loads when the question is asked, not with the creation form.
const ConfirmDialog = dynamic(() => import("@/components/ui/dialog").then((m) => m.ConfirmDialog));

/**
 * Saving a token with no allowed IP addresses opens it to every address, so it is asked about
 * first: `guard(allowedIps, save)` saves at once when the list restricts, and otherwise opens
 * the confirmation (`dialog`), which saves only on "Allow any IP address".
 */
export function useAnyIpConfirmation() {
  const t = useTranslations("tokens.anyIp");
  const [waiting, setWaiting] = useState<(() => void) | null>(null);

  function guard(allowedIps: readonly string[], save: () => void) {
    if (allowsEveryAddress(allowedIps)) setWaiting(() => save);
    else save();
  }

  const dialog = waiting !== null && (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && setWaiting(null)}
      title={t("confirmTitle")}
      description={t("confirmDescription")}
      confirmLabel={t("confirm")}
      cancelLabel={t("back")}
      onConfirm={() => {
        const save = waiting;
        setWaiting(null);
        save?.();
      }}
    />
  );
  return { guard, dialog };
}
