"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/ui/dialog";
import { allowsEveryAddress } from "@/lib/domain/ip-allowlist";

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

  const dialog = (
    <ConfirmDialog
      open={waiting !== null}
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
