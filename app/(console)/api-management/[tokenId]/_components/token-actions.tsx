"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { TokenStatus } from "@/lib/domain/token-status";
import { deleteTokenAction, revokeTokenAction } from "../actions";
import { AllowedIpsDialog } from "./allowed-ips-dialog";
import { ExtendExpiryDialog } from "./extend-expiry-dialog";

export interface TokenActionsProps {
  token: { id: string; title: string; expiresOn: string; status: TokenStatus; allowedIps: string[] };
}

/** The token page's buttons: all four for an Active token, only Delete otherwise. */
export function TokenActions({ token }: TokenActionsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<"revoke" | "delete" | null>(null);
  const [pending, setPending] = useState(false);
  const active = token.status === "active";

  async function run(kind: "revoke" | "delete") {
    setPending(true);
    const result = kind === "revoke" ? await revokeTokenAction({ tokenId: token.id }) : await deleteTokenAction({ tokenId: token.id });
    setPending(false);
    await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    if (!result.ok) {
      toast.error(result.error);
      setOpen(null);
      router.refresh();
      return;
    }
    setOpen(null);
    if (kind === "revoke") {
      toast.success(`${token.title} was revoked.`);
      router.refresh();
    } else {
      toast.success(`${token.title} was deleted.`);
      router.replace("/api-management");
      router.refresh();
    }
  }

  return (
    <>
      {active && (
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
      <ConfirmDialog
        open={open === "revoke"}
        onOpenChange={(o) => setOpen(o ? "revoke" : null)}
        title={`Revoke ${token.title}?`}
        description="Programs using this token are refused from their very next API request. A revoked token can't be restored."
        confirmLabel="Revoke token"
        destructive
        pending={pending}
        onConfirm={() => run("revoke")}
      />
      <ConfirmDialog
        open={open === "delete"}
        onOpenChange={(o) => setOpen(o ? "delete" : null)}
        title={`Delete ${token.title}?`}
        description="The token stops working and leaves the list. Its events stay in Event history."
        confirmLabel="Delete token"
        destructive
        pending={pending}
        onConfirm={() => run("delete")}
      />
    </>
  );
}
