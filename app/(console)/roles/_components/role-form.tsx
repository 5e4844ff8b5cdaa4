"use client";

import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
import { PermissionTable } from "@/components/permissions/permission-table";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { useMessageText } from "@/components/hooks/use-message-text";
import type { Permission } from "@/lib/domain/permissions";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { RoleInput, RoleValues } from "@/lib/domain/user-schemas";
import { createRoleAction, updateRoleAction } from "../actions";

/** Add role / edit role: a name and the permission table, validated by the same schema as the action. */
export function RoleForm({ role, offered }: { role?: { id: number; name: string; permissions: Permission[] }; offered?: Permission[] }) {
  const router = useRouter();
  const t = useTranslations();
  const text = useMessageText();
  const form = useForm<RoleInput, unknown, RoleValues>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.roleResolver)),
    defaultValues: { name: role?.name ?? "", permissions: role?.permissions ?? [] },
  });
  const { errors } = form.formState;
  // Editing a role can narrow its users' tokens, so the token list is refetched.
  const save = useServerAction<RoleValues, unknown, RoleInput>((values) => (role ? updateRoleAction({ ...values, roleId: role.id }) : createRoleAction(values)), {
    form,
    invalidate: [["tokens"]],
    onSuccess: (_, values) => {
      toast.success(t(role ? "roles.form.saved" : "roles.form.added", { name: values.name }));
      router.push("/roles");
    },
  });
  const onSubmit = form.handleSubmit((values) => save.run(values));

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <FormError message={save.error} />
      <Field label={t("roles.form.name")} error={errors.name?.message} className="max-w-md">
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass} />}
      </Field>
      <section aria-labelledby="role-permissions-heading" className="space-y-2">
        <h2 id="role-permissions-heading" className="text-sm font-medium">
          {t("roles.form.permissions")}
        </h2>
        <Controller
          control={form.control}
          name="permissions"
          render={({ field }) => (
            <PermissionTable caption={t("roles.form.permissionsCaption")} value={field.value as Permission[]} onChange={field.onChange} offered={offered} />
          )}
        />
        {errors.permissions && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {text(errors.permissions.message ?? "")}
          </p>
        )}
      </section>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? t("common.saving") : t("common.save")}
        </Button>
        <Button asChild variant="secondary">
          <Link href="/roles">{t("common.cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}
