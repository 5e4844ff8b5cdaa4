"use client";

import { useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { UserListItem } from "@/lib/data/users";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { ChangeUserRoleInput } from "@/lib/domain/user-schemas";
import { changeUserRoleAction } from "../actions";
import { RoleField } from "./role-field";

export function ChangeRoleForm({ user, roles, onDone }: { user: UserListItem; roles: { id: number; name: string }[]; onDone: () => void }) {
  const t = useTranslations();
  const form = useForm<ChangeUserRoleInput>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.changeUserRoleResolver)),
    defaultValues: { userId: user.id, roleId: user.roleId ?? undefined },
  });
  const { errors } = form.formState;
  // A narrower role narrows the user's tokens too, so the token list is refetched.
  const change = useServerAction(changeUserRoleAction, {
    form,
    invalidate: [["tokens"]],
    onSuccess: (data) => {
      toast.success(data.changed ? t("users.done.roleChanged", { name: user.name }) : t("users.done.roleUnchanged", { name: user.name }));
      onDone();
    },
  });
  const onSubmit = form.handleSubmit((values) => change.run(values));

  return (
    <DialogContent title={t("users.changeRoleFor", { name: user.name })} description={t("users.changeRoleDialog.description")}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={change.error} />
        <RoleField roles={roles} registration={form.register("roleId", { valueAsNumber: true })} error={errors.roleId?.message} />
        <DialogFormActions pending={change.pending} pendingLabel={t("common.saving")} submitLabel={t("users.changeRoleDialog.submit")} />
      </form>
    </DialogContent>
  );
}
