"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { TokenStatus } from "@/lib/domain/token-status";
import { deleteTokenAction, revokeTokenAction } from "../actions";
import { AllowedIpsDialog } from "./allowed-ips-dialog";
import { ExtendExpiryDialog } from "./extend-expiry-dialog";
import { RotateDialog } from "./rotate-dialog";

export interface TokenActionsProps {
  token: { id: string; title: string; type: "generated" | "public_key"; expiresOn: string; status: TokenStatus; allowedIps: string[]; previousWorksUntil: string | null };
}

/** The token page's buttons: all five for an Active token, only Delete otherwise. */
export function TokenActions({ token }: TokenActionsProps) {
  const t = useTranslations("tokens.actions");
  const router = useRouter();
  const [open, setOpen] = useState<"revoke" | "delete" | null>(null);
  // A refusal closes the confirmation (the page refreshes to what is true), so it is a toast.
  const revoke = useServerAction(revokeTokenAction, {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: () => toast.success(t("revoked", { title: token.title })),
  });
  const remove = useServerAction(deleteTokenAction, {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: () => {
      toast.success(t("deleted", { title: token.title }));
      router.replace("/api-management");
    },
  });

  return (
    <>
      {token.status === "active" && (
        <>
          <RotateDialog token={token} previousWorksUntil={token.previousWorksUntil} />
          <ExtendExpiryDialog tokenId={token.id} currentExpiresOn={token.expiresOn} />
          <AllowedIpsDialog tokenId={token.id} allowedIps={token.allowedIps} />
          <Button variant="secondary" onClick={() => setOpen("revoke")}>
            {t("revoke")}
          </Button>
        </>
      )}
      <Button variant="danger" onClick={() => setOpen("delete")}>
        {t("delete")}
      </Button>
      <ConfirmActionDialog
        target={open}
        onClose={() => setOpen(null)}
        title={(kind) => t(`confirm.${kind}.title`, { title: token.title })}
        description={t(`confirm.${open ?? "delete"}.description`)}
        confirmLabel={t(`confirm.${open ?? "delete"}.confirm`)}
        pending={revoke.pending || remove.pending}
        onConfirm={(kind) => (kind === "revoke" ? revoke : remove).run({ tokenId: token.id })}
      />
    </>
  );
}
