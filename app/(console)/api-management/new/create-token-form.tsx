"use client";

import Link from "next/link";
import { Controller, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { firstMessage } from "@/components/form-errors";
import { PermissionTable } from "@/components/permissions/permission-table";
import { ExpiryDateField } from "@/components/tokens/expiry-date-field";
import { IpAllowlistField } from "@/components/tokens/ip-allowlist-field";
import { RevealDialog } from "@/components/tokens/reveal-dialog";
import type { Permission } from "@/lib/domain/permissions";
import { DESCRIPTION_MAX } from "@/lib/domain/token-schemas";
import { TokenTypeFields } from "./token-type-fields";
import { useCreateToken } from "./use-create-token";

/** "Create token": the fields in the order of PRODUCT.md, then the one-time reveal of the new token. */
export function CreateTokenForm({ offered, deviceGroup }: { offered: Permission[]; deviceGroup: { name: string; explanation: string } }) {
  const { form, onSubmit, created, closeReveal, disabled, creating, error } = useCreateToken(offered);
  const { errors } = form.formState;
  const [description, timeZone] = useWatch({ control: form.control, name: ["description", "timeZone"] });
  const permissionsError = firstMessage(errors.permissions);

  return (
    <>
      <form onSubmit={onSubmit} method="post" noValidate className="max-w-3xl space-y-6">
        <FormError message={error} />
        <Field label="Title" error={errors.title?.message}>
          {(p) => <input {...p} {...form.register("title")} autoComplete="off" className={inputClass} />}
        </Field>

        <Field label="Description" description={`${(description ?? "").length}/${DESCRIPTION_MAX}`} error={errors.description?.message}>
          {(p) => <textarea {...p} {...form.register("description")} rows={3} className={inputClass} />}
        </Field>

        <TokenTypeFields form={form} />

        <Controller
          control={form.control}
          name="expiresOn"
          render={({ field }) => <ExpiryDateField value={field.value} onChange={field.onChange} timeZone={timeZone} error={errors.expiresOn?.message} />}
        />

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Permissions</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Only permissions your role has are offered. Manage includes View. Permissions can&apos;t be changed after the token is created.
          </p>
          <Controller
            control={form.control}
            name="permissions"
            render={({ field }) => (
              <PermissionTable caption="Token permissions" offered={offered} value={field.value as Permission[]} onChange={field.onChange} />
            )}
          />
          {permissionsError && <p className="text-sm text-red-700 dark:text-red-400">{permissionsError}</p>}
        </fieldset>

        <Field label="Device group" description={deviceGroup.explanation}>
          {(p) => <input {...p} readOnly value={deviceGroup.name} className={`${inputClass} bg-slate-50 dark:bg-slate-800`} />}
        </Field>

        <IpAllowlistField form={form} />

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={disabled}>
            {creating ? "Creating…" : "Create"}
          </Button>
          <Button variant="ghost" asChild>
            <Link href="/api-management">Cancel</Link>
          </Button>
        </div>
      </form>
      {created && <RevealDialog token={created} onClosed={closeReveal} />}
    </>
  );
}
