"use client";

import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import { toast } from "@/components/ui/toast";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { PublicKeyTextarea } from "@/components/tokens/public-key-textarea";
import { Field, FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { LocalTime, useViewerTimeZone } from "@/components/events/local-time";
import { DEFAULT_OVERLAP, OVERLAPS } from "@/lib/domain/rotation";
import type { RotateTokenInput } from "@/lib/domain/rotation-schemas";
import { formatDateTime } from "@/lib/i18n/format";
import { rotateTokenAction } from "../actions";
import type { RotateDialogProps } from "./rotate-dialog";

export function RotateForm({ token, previousWorksUntil, onRotated }: RotateDialogProps & { onRotated: (secret: string | undefined) => void }) {
  const t = useTranslations("tokens.rotate");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const kind = token.type === "generated" ? "Generated" : "PublicKey";
  const form = useForm<RotateTokenInput>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.rotateResolver(token.type))),
    defaultValues: { overlap: DEFAULT_OVERLAP, publicKey: token.type === "public_key" ? "" : undefined },
  });
  const rotate = useServerAction(rotateTokenAction, {
    form,
    fieldPrefix: "values.",
    invalidate: [["tokens"]],
    onSuccess: (data) => {
      const until = data.previousWorksUntil ? t("doneUntil", { time: formatDateTime(data.previousWorksUntil, locale, timeZone) }) : t("doneStopped");
      if (!data.secret) toast.success(`${t("donePublicKey", { title: token.title })} ${until}`);
      else toast.success(until);
      onRotated(data.secret);
    },
  });
  const onSubmit = form.handleSubmit((values) => rotate.run({ tokenId: token.id, values }));
  const keyError = form.formState.errors.publicKey?.message;

  return (
    <DialogContent title={t(`title${kind}`, { title: token.title })} description={t(`description${kind}`)} className="sm:max-w-xl">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={rotate.error} />
        {previousWorksUntil && (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            {t.rich("earlierOverlap", { time: () => <LocalTime iso={previousWorksUntil} /> })}
          </p>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t(`overlapLegend${kind}`)}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {OVERLAPS.map((o) => (
              <label key={o} className="flex items-center gap-2 text-sm">
                <input type="radio" value={o} {...form.register("overlap")} />
                {t(`overlap.${o}`)}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("overlapHint")}</p>
        </fieldset>
        {token.type === "public_key" && (
          <Field label={t("publicKeyLabel")} error={keyError}>
            {(p) => (
              <PublicKeyTextarea {...p} {...form.register("publicKey", { onChange: () => void form.trigger("publicKey") })} />
            )}
          </Field>
        )}
        <DialogFormActions pending={rotate.pending} pendingLabel={t("pending")} submitLabel={t(`submit${kind}`)} />
      </form>
    </DialogContent>
  );
}
