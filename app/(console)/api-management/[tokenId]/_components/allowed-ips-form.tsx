"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { IpAllowlistField } from "@/components/tokens/ip-allowlist-field";
import { useAnyIpConfirmation } from "@/components/tokens/any-ip-confirm";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { updateAllowedIpsSchema } from "@/lib/domain/token-schemas";
import type { z } from "zod";
import { updateTokenAllowedIpsAction } from "../actions";

type Values = z.input<typeof updateAllowedIpsSchema>;

export function AllowedIpsForm({ tokenId, allowedIps, onDone }: { tokenId: string; allowedIps: string[]; onDone: () => void }) {
  const t = useTranslations("tokens.allowedIps");
  const common = useTranslations("common");
  const form = useForm<Values>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.allowedIpsResolver)),
    defaultValues: { allowedIps, confirmOpenRange: false },
  });

  const save = useServerAction(updateTokenAllowedIpsAction, {
    form,
    fieldPrefix: "values.",
    invalidate: [["tokens"]],
    onSuccess: (data) => {
      toast.success(data.changed ? t("saved") : t("unchanged"));
      onDone();
    },
  });

  const anyIp = useAnyIpConfirmation();
  // Send what the user sees (display form); the server parses it with the same schema.
  const onSubmit = form.handleSubmit(() => anyIp.guard(form.getValues("allowedIps"), () => void save.run({ tokenId, values: form.getValues() })));

  return (
    <DialogContent title={t("title")} description={t("description")}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={save.error} />
        <IpAllowlistField form={form} />
        <DialogFormActions pending={save.pending} pendingLabel={common("saving")} submitLabel={t("submit")} />
      </form>
      {anyIp.dialog}
    </DialogContent>
  );
}
