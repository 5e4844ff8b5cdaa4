"use client";

import dynamic from "next/dynamic";
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { firstMessage } from "@/components/form-errors";
import { useMessageText } from "@/components/hooks/use-message-text";
import { PermissionTable } from "@/components/permissions/permission-table";
import { ExpiryDateField } from "@/components/tokens/expiry-date-field";
import { IpAllowlistField } from "@/components/tokens/ip-allowlist-field";
import type { Permission } from "@/lib/domain/permissions";
import { DESCRIPTION_MAX } from "@/lib/domain/token-limits";
import { TokenTypeFields } from "./token-type-fields";
import { loadRevealDialog, useCreateToken } from "./use-create-token";

const RevealDialog = dynamic(() => loadRevealDialog().then((m) => m.RevealDialog));

/** "Create token": the fields in the order of PRODUCT.md, then the one-time reveal of the new token. */
export function CreateTokenForm({ offered, deviceGroup }: { offered: Permission[]; deviceGroup: { name: string; explanation: string } }) {
  const t = useTranslations("tokens.create");
  const cancel = useTranslations("common")("cancel");
  const text = useMessageText();
  const { form, onSubmit, anyIpDialog, created, closeReveal, disabled, creating, error } = useCreateToken(offered);
  const { errors } = form.formState;
  const [description, timeZone] = useWatch({ control: form.control, name: ["description", "timeZone"] });
  const permissionsError = firstMessage(errors.permissions);
  const titleField = form.register("title");
  const descriptionField = form.register("description");

  return (
    <>
      <form onSubmit={onSubmit} method="post" noValidate className="max-w-3xl space-y-6">
        <FormError message={error} />
        <Field label={t("titleLabel")} error={errors.title?.message}>
          {(p) => <input {...p} {...titleField} autoComplete="off" className={inputClass} />}
        </Field>

        <Field label={t("descriptionLabel")} description={`${(description ?? "").length}/${DESCRIPTION_MAX}`} error={errors.description?.message}>
          {(p) => <textarea {...p} {...descriptionField} rows={3} className={inputClass} />}
        </Field>

        <TokenTypeFields form={form} />

        <Controller
          control={form.control}
          name="expiresOn"
          render={({ field }) => <ExpiryDateField value={field.value} onChange={field.onChange} timeZone={timeZone} error={errors.expiresOn?.message} />}
        />

        {/* min-w-0: a fieldset is as wide as its widest content by default, so the permission grid would widen the page at 360 px instead of scrolling in its own box. */}
        <fieldset className="min-w-0 space-y-2">
          <legend className="text-sm font-medium">{t("permissionsLegend")}</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t("permissionsHelp")}
          </p>
          <Controller
            control={form.control}
            name="permissions"
            render={({ field }) => (
              <PermissionTable caption={t("permissionsCaption")} offered={offered} value={field.value as Permission[]} onChange={field.onChange} />
            )}
          />
          {permissionsError && <p className="text-sm text-red-700 dark:text-red-400">{text(permissionsError)}</p>}
        </fieldset>

        <Field label={t("deviceGroupLabel")} description={deviceGroup.explanation}>
          {(p) => <input {...p} readOnly value={deviceGroup.name} className={`${inputClass} bg-slate-50 dark:bg-slate-800`} />}
        </Field>

        <IpAllowlistField form={form} />

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={disabled}>
            {creating ? t("submitting") : t("submit")}
          </Button>
          <Button variant="ghost" asChild>
            <Link href="/api-management">{cancel}</Link>
          </Button>
        </div>
      </form>
      {anyIpDialog}
      {created && <RevealDialog token={created} onClosed={closeReveal} />}
    </>
  );
}
