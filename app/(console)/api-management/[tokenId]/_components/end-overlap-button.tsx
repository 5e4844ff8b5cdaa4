"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { useServerAction } from "@/components/hooks/use-server-action";
import { endOverlapAction } from "../actions";

/** End overlap now, with a confirmation: the previous credential stops at once and is erased. */
export function EndOverlapButton({ token }: { token: { id: string; title: string } }) {
  const t = useTranslations("tokens.rotate");
  const [open, setOpen] = useState<"end" | null>(null);
  const end = useServerAction(endOverlapAction, {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: () => toast.success(t("overlapEnded", { title: token.title })),
  });
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen("end")}>
        {t("endOverlap")}
      </Button>
      <ConfirmActionDialog
        target={open}
        onClose={() => setOpen(null)}
        title={() => t("endOverlapTitle", { title: token.title })}
        description={t("endOverlapDescription")}
        confirmLabel={t("endOverlapConfirm")}
        pending={end.pending}
        onConfirm={() => end.run({ tokenId: token.id })}
      />
    </>
  );
}
