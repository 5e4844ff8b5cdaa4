"use client";

import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, inputClass } from "@/components/ui/field";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { CampaignUserOption } from "@/lib/data/campaigns";
import { CAMPAIGN_ACTIONS } from "@/lib/domain/campaign";
import type { NewCampaignInput, NewCampaignValues } from "@/lib/domain/campaign-schemas";
import { startCampaignAction } from "../../actions";
import { CampaignPreview } from "./campaign-preview";
import { ScopeFields } from "./scope-fields";
import { useCampaignPreview } from "./use-campaign-preview";

const subscribeNothing = () => () => {};

/** New campaign: the fields in PRODUCT.md's order, the live preview, and Start campaign. */
export function NewCampaignForm({ users, bounds, defaultDeadline }: { users: CampaignUserOption[]; bounds: { min: string; max: string }; defaultDeadline: string }) {
  const t = useTranslations("campaigns");
  const cancel = useTranslations("common")("cancel");
  const router = useRouter();
  const form = useForm<NewCampaignInput, unknown, NewCampaignValues>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.newCampaignResolver)),
    defaultValues: { name: "", reason: "", scope: { kind: "all", days: 90, userIds: [] }, deadlineOn: defaultDeadline, action: "rotate" },
  });
  const { errors } = form.formState;
  const scope = useWatch({ control: form.control, name: "scope" });
  const preview = useCampaignPreview(scope);
  const start = useServerAction(startCampaignAction, {
    form,
    fieldPrefix: "values.",
    onSuccess: (result) => {
      const tokens = result.enrolled.tokens;
      // The snapshot is what counts; when it differs from the preview shown, say so.
      if (result.changed) toast.warning(t("new.scopeChanged", { tokens }), { duration: 10_000 });
      else toast.success(t("new.started", { tokens }));
      router.push(`/rotations/${result.campaignId}`);
    },
  });
  // Before hydration a click would submit the form natively, putting its fields in a URL.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const busy = !hydrated || start.pending || Boolean(start.data);

  // The server parses the raw values with the same schema, so send those, not the resolver's output.
  const onSubmit = form.handleSubmit(() => void start.run({ values: form.getValues(), expected: preview.preview }));

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="max-w-3xl space-y-6">
      <FormError message={start.error} />
      <Field label={t("new.nameLabel")} error={errors.name?.message}>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" maxLength={200} className={inputClass} />}
      </Field>
      <Field label={t("new.reasonLabel")} description={t("new.reasonHelp")} error={errors.reason?.message}>
        {(p) => <textarea {...p} {...form.register("reason")} rows={3} className={inputClass} />}
      </Field>

      <ScopeFields form={form} users={users} />
      <CampaignPreview incomplete={preview.incomplete} shown={preview.shown} counting={preview.counting} error={preview.error} />

      <Field label={t("new.deadlineLabel")} description={t("new.deadlineHelp", bounds)} error={errors.deadlineOn?.message} className="max-w-xs">
        {(p) => <input {...p} {...form.register("deadlineOn")} type="date" min={bounds.min} max={bounds.max} className={inputClass} />}
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("new.actionLegend")}</legend>
        {/* The hint describes the choice rather than naming it, so each radio's name stays short. */}
        {CAMPAIGN_ACTIONS.map((action) => (
          <div key={action} className="flex items-start gap-2 text-sm">
            <input id={`campaign-action-${action}`} type="radio" value={action} aria-describedby={`campaign-action-${action}-hint`} {...form.register("action")} className="mt-1" />
            <div>
              <label htmlFor={`campaign-action-${action}`} className="font-medium">
                {t(`actions.${action}`)}
              </label>
              <p id={`campaign-action-${action}-hint`} className="text-slate-600 dark:text-slate-400">
                {t(action === "rotate" ? "new.actionRotateHint" : "new.actionRevokeHint")}
              </p>
            </div>
          </div>
        ))}
        <FieldError message={errors.action?.message} />
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {start.pending ? t("new.submitting") : t("new.submit")}
        </Button>
        <Button variant="ghost" asChild>
          <Link href="/rotations">{cancel}</Link>
        </Button>
      </div>
    </form>
  );
}
