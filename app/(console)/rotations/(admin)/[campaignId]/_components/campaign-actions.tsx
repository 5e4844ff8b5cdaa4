"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { CampaignAction } from "@/lib/domain/campaign";
import { cancelCampaignAction, rotateRestNowAction } from "../../actions";

const ACTIONS = {
  rotateRest: { action: rotateRestNowAction, done: "rotateRestDone" },
  cancel: { action: cancelCampaignAction, done: "cancelDone" },
} as const;
type Kind = keyof typeof ACTIONS;

/** Rotate the rest now and Cancel campaign, each after a confirmation; offered while the campaign is active. */
export function CampaignActions({ campaignId, action }: { campaignId: number; action: CampaignAction }) {
  const t = useTranslations("campaigns.detail");
  const [confirming, setConfirming] = useState<Kind | null>(null);
  const { run, pending, error, clearError } = useServerAction((kind: Kind) => ACTIONS[kind].action({ campaignId }), {
    invalidate: [["tokens"]],
    refusal: "toast",
    onSuccess: (_, kind) => toast.success(t(ACTIONS[kind].done)),
  });
  const open = (kind: Kind) => (clearError(), setConfirming(kind));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" disabled={pending} onClick={() => open("rotateRest")}>
          {t("rotateRest")}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => open("cancel")}>
          {t("cancel")}
        </Button>
      </div>
      <FormError message={error} />
      <ConfirmActionDialog
        target={confirming}
        onClose={() => setConfirming(null)}
        pending={pending}
        title={(kind) => t(kind === "cancel" ? "cancelTitle" : "rotateRestTitle")}
        description={confirming === "cancel" ? t("cancelDescription") : t("rotateRestDescription", { action })}
        confirmLabel={confirming === "cancel" ? t("cancel") : t("rotateRest")}
        cancelLabel={confirming === "cancel" ? t("keepCampaign") : undefined}
        onConfirm={(kind) => run(kind)}
      />
    </div>
  );
}
