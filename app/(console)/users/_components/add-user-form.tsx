"use client";

import { useId } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { useMessageText } from "@/components/hooks/use-message-text";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { CreateUserInput, CreateUserValues } from "@/lib/domain/user-schemas";
import { createUserAction } from "../actions";
import { RoleField } from "./role-field";

type Option = { id: number; name: string };

export function AddUserForm({ roles, deviceGroups, onDone }: { roles: Option[]; deviceGroups: Option[]; onDone: () => void }) {
  const groupsErrorId = useId();
  const t = useTranslations("users");
  const text = useMessageText();
  const form = useForm<CreateUserInput, unknown, CreateUserValues>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.createUserResolver)),
    defaultValues: { email: "", name: "", deviceGroupIds: [], initialPassword: "" },
  });
  const { errors } = form.formState;
  const add = useServerAction(createUserAction, {
    form,
    onSuccess: (_, values) => {
      toast.success(t("done.added", { name: values.name }));
      onDone();
    },
  });
  const onSubmit = form.handleSubmit((values) => add.run(values));

  return (
    <DialogContent title={t("add.button")} description={t("add.description")}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={add.error} />
        <Field label={t("add.email")} error={errors.email?.message}>
          {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="off" className={inputClass} />}
        </Field>
        <Field label={t("add.name")} error={errors.name?.message}>
          {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass} />}
        </Field>
        <RoleField roles={roles} registration={form.register("roleId", { valueAsNumber: true })} error={errors.roleId?.message} placeholder={t("add.rolePlaceholder")} />
        <Controller
          control={form.control}
          name="deviceGroupIds"
          render={({ field }) => (
            <fieldset aria-describedby={errors.deviceGroupIds ? groupsErrorId : undefined} className="space-y-2">
              <legend className="text-sm font-medium">{t("add.deviceGroups")}</legend>
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("add.deviceGroupsHint")}</p>
              <div className="grid gap-2 sm:grid-cols-2">
                {deviceGroups.map((g) => {
                  const id = `${groupsErrorId}-g${g.id}`;
                  const checked = (field.value ?? []).includes(g.id);
                  return (
                    <div key={g.id} className="flex items-center gap-2">
                      <Checkbox
                        id={id}
                        checked={checked}
                        onCheckedChange={(state) =>
                          field.onChange(state === true ? [...(field.value ?? []), g.id] : (field.value ?? []).filter((x) => x !== g.id))
                        }
                      />
                      <label htmlFor={id} className="text-sm">
                        {g.name}
                      </label>
                    </div>
                  );
                })}
              </div>
              {errors.deviceGroupIds && (
                <p id={groupsErrorId} className="text-sm text-red-700 dark:text-red-400">
                  {text(errors.deviceGroupIds.message ?? "")}
                </p>
              )}
            </fieldset>
          )}
        />
        <Field label={t("add.initialPassword")} description={t("add.initialPasswordHint")} error={errors.initialPassword?.message}>
          {(p) => <input {...p} {...form.register("initialPassword")} type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
        <DialogFormActions pending={add.pending} pendingLabel={t("add.submitting")} submitLabel={t("add.button")} />
      </form>
    </DialogContent>
  );
}
