"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { PermissionTable } from "@/components/permissions/permission-table";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { applyFieldErrors } from "@/components/form-errors";
import type { Permission } from "@/lib/domain/permissions";
import { roleSchema, type RoleInput, type RoleValues } from "@/lib/domain/user-schemas";
import { createRoleAction, updateRoleAction } from "../actions";

/** Add role / edit role: a name and the permission table, validated by the same schema as the action. */
export function RoleForm({ role, offered }: { role?: { id: number; name: string; permissions: Permission[] }; offered?: Permission[] }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RoleInput, unknown, RoleValues>({
    resolver: zodResolver(roleSchema),
    defaultValues: { name: role?.name ?? "", permissions: role?.permissions ?? [] },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = role ? await updateRoleAction({ ...values, roleId: role.id }) : await createRoleAction(values);
      if (!result.ok) {
        setFormError(result.error);
        applyFieldErrors(form.setError, result.fieldErrors);
        return;
      }
      toast.success(role ? `Role “${values.name}” was saved.` : `Role “${values.name}” was added.`);
      router.push("/roles");
      router.refresh();
    } catch {
      setFormError("Keyward couldn’t be reached. Check your connection and try again.");
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <FormError message={formError} />
      <Field label="Role name" error={errors.name?.message} className="max-w-md">
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass} />}
      </Field>
      <section aria-labelledby="role-permissions-heading" className="space-y-2">
        <h2 id="role-permissions-heading" className="text-sm font-medium">
          Permissions
        </h2>
        <Controller
          control={form.control}
          name="permissions"
          render={({ field }) => (
            <PermissionTable caption="Permissions of this role" value={field.value as Permission[]} onChange={field.onChange} offered={offered} />
          )}
        />
        {errors.permissions && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {errors.permissions.message}
          </p>
        )}
      </section>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save"}
        </Button>
        <Button asChild variant="secondary">
          <Link href="/roles">Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
