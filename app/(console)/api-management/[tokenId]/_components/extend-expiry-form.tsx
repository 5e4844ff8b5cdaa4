"use client";

import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { ExpiryDateField } from "@/components/tokens/expiry-date-field";
import { useViewerTimeZone } from "@/components/events/local-time";
import { addDaysIso, expiryBounds } from "@/lib/domain/expiry";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { ExtendExpiryInput } from "@/lib/domain/token-schemas";
import { formatCalendarDate } from "@/lib/i18n/format";
import { extendTokenExpiryAction } from "../actions";

export function ExtendForm({ tokenId, currentExpiresOn, onDone }: { tokenId: string; currentExpiresOn: string; onDone: () => void }) {
  const t = useTranslations("tokens.extend");
  const common = useTranslations("common");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const bounds = expiryBounds(timeZone);
  const max = bounds.max;
  const dayAfter = addDaysIso(currentExpiresOn, 1);
  const min = dayAfter > bounds.min ? dayAfter : bounds.min;
  // Start one step past the current date (or at the limit), so the default is always a valid extension.
  const suggested = addDaysIso(currentExpiresOn, 30) < max ? addDaysIso(currentExpiresOn, 30) : max;
  const form = useForm<ExtendExpiryInput>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.extendExpiryResolver(currentExpiresOn))),
    defaultValues: { expiresOn: suggested, timeZone },
  });
  const { errors } = form.formState;
  const extend = useServerAction(extendTokenExpiryAction, {
    form,
    fieldPrefix: "values.",
    invalidate: [["tokens"]],
    onSuccess: (data) => {
      toast.success(t("done", { date: formatCalendarDate(data.expiresOn, locale) }));
      onDone();
    },
  });

  const onSubmit = form.handleSubmit((values) => extend.run({ tokenId, values: { ...values, timeZone } }));

  return (
    <DialogContent title={t("title")} description={t("description", { date: formatCalendarDate(currentExpiresOn, locale) })}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={extend.error} />
        <Controller
          control={form.control}
          name="expiresOn"
          render={({ field }) => <ExpiryDateField value={field.value} onChange={field.onChange} min={min} max={max} timeZone={timeZone} error={errors.expiresOn?.message} />}
        />
        <DialogFormActions pending={extend.pending} pendingLabel={common("saving")} submitLabel={t("submit")} />
      </form>
    </DialogContent>
  );
}
