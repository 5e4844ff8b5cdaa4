"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { TokenStatus } from "@/lib/domain/token-status";
import { deleteTokenAction, revokeTokenAction } from "../actions";
import { AllowedIpsDialog } from "./allowed-ips-dialog";
import { ExtendExpiryDialog } from "./extend-expiry-dialog";

export interface TokenActionsProps {
  token: { id: string; title: string; expiresOn: string; status: TokenStatus; allowedIps: string[] };
}

const CONFIRM = {
  revoke: {
    verb: "Revoke",
    description: "Programs using this token are refused from their very next API request. A revoked token can't be restored.",
    confirmLabel: "Revoke token",
  },
  delete: {
    verb: "Delete",
    description: "The token stops working and leaves the list. Its events stay in Event history.",
    confirmLabel: "Delete token",
  },
};

/** The token page's buttons: all four for an Active token, only Delete otherwise. */
export function TokenActions({ token }: TokenActionsProps) {
  const router = useRouter();
  const [open, setOpen] = useState<"revoke" | "delete" | null>(null);
  // A refusal closes the confirmation (the page refreshes to what is true), so it is a toast.
  const revoke = useServerAction(revokeTokenAction, {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: () => toast.success(`${token.title} was revoked.`),
  });
  const remove = useServerAction(deleteTokenAction, {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: () => {
      toast.success(`${token.title} was deleted.`);
      router.replace("/api-management");
    },
  });

  return (
    <>
      {token.status === "active" && (
        <>
          <ExtendExpiryDialog tokenId={token.id} currentExpiresOn={token.expiresOn} />
          <AllowedIpsDialog tokenId={token.id} allowedIps={token.allowedIps} />
          <Button variant="secondary" onClick={() => setOpen("revoke")}>
            Revoke
          </Button>
        </>
      )}
      <Button variant="danger" onClick={() => setOpen("delete")}>
        Delete
      </Button>
      <ConfirmActionDialog
        target={open}
        onClose={() => setOpen(null)}
        title={(kind) => `${CONFIRM[kind].verb} ${token.title}?`}
        description={CONFIRM[open ?? "delete"].description}
        confirmLabel={CONFIRM[open ?? "delete"].confirmLabel}
        pending={revoke.pending || remove.pending}
        onConfirm={(kind) => (kind === "revoke" ? revoke : remove).run({ tokenId: token.id })}
      />
    </>
  );
}
