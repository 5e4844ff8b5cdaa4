"use client";

import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
import { Badge, Table, tdClass } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog, useRowDelete } from "@/components/confirm-action-dialog";
import { LocalTime } from "@/components/events/local-time";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { UserListItem } from "@/lib/data/users";
import { deleteUserAction, reactivateUserAction, suspendUserAction } from "../actions";
import { ChangeRoleDialog } from "./change-role-dialog";

const ROW_ACTIONS = {
  suspend: { action: suspendUserAction, done: "suspended" },
  reactivate: { action: reactivateUserAction, done: "reactivated" },
  delete: { action: deleteUserAction, done: "deleted" },
} as const;
type RowAction = { kind: keyof typeof ROW_ACTIONS; user: UserListItem };

/** Suspend for an active user, Reactivate for a suspended one. */
function StatusButton({ user, disabled, onClick }: { user: UserListItem; disabled: boolean; onClick: (kind: "suspend" | "reactivate") => void }) {
  const t = useTranslations("users");
  const kind = user.status === "active" ? "suspend" : "reactivate";
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={disabled}
      aria-label={t(kind === "suspend" ? "suspendUser" : "reactivateUser", { name: user.name })}
      onClick={() => onClick(kind)}
    >
      {t(kind)}
    </Button>
  );
}

/** The users table; role names arrive already in the viewer's language (the built-in role's is translated). */
export function UsersTable({
  users,
  roles,
  currentUserId,
}: {
  users: UserListItem[];
  roles: { id: number; name: string }[];
  currentUserId: string;
}) {
  const t = useTranslations();
  // A user's status and deletion change how their tokens show in the token list.
  const { run, pending, error, clearError } = useServerAction<RowAction, unknown>(({ kind, user }) => ROW_ACTIONS[kind].action({ userId: user.id }), {
    invalidate: [["tokens"]],
    onSuccess: (_, { kind, user }) => toast.success(t(`users.done.${ROW_ACTIONS[kind].done}`, { name: user.name })),
  });
  const deleting = useRowDelete<UserListItem>({
    pending,
    clearError,
    title: (user) => t("users.delete.title", { name: user.name }),
    description: t("users.delete.description"),
    confirmLabel: t("users.delete.confirm"),
    onConfirm: (user) => run({ kind: "delete", user }),
  });
  // Suspending signs the user out and stops their tokens at once, so it asks first.
  const [suspending, setSuspending] = useState<UserListItem | null>(null);
  const [changingRole, setChangingRole] = useState<UserListItem | null>(null);
  const columns = [t("users.table.name"), t("users.table.email"), t("users.table.role"), t("users.table.deviceGroups"), t("users.table.status"), t("users.table.lastSignIn"), t("users.table.actions")];
  const muted = "text-slate-600 dark:text-slate-300";

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Table caption={t("users.table.caption")} columns={columns}>
        {users.map((u) => (
          <tr key={u.id}>
            <th scope="row" className={`${tdClass} whitespace-nowrap font-medium`}>
              {u.name}
              {u.id === currentUserId && <span className={`ml-1 text-xs font-normal ${muted}`}>{t("users.table.you")}</span>}
            </th>
            <td className={tdClass}>{u.email}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{u.roleName ?? t("users.table.noRole")}</td>
            <td className={tdClass}>{u.deviceGroups.length ? u.deviceGroups.join(", ") : <span className={muted}>{t("common.none")}</span>}</td>
            <td className={tdClass}>
              {u.status === "active" ? <Badge tone="green">{t("users.table.active")}</Badge> : <Badge tone="amber">{t("users.table.suspended")}</Badge>}
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>{u.lastSignInAt ? <LocalTime iso={u.lastSignInAt} /> : <span className={muted}>{t("common.never")}</span>}</td>
            <td className={tdClass}>
              {/* Suspending, deleting or re-roling yourself is refused, so your own row offers none of it. */}
              {u.id === currentUserId ? (
                <span className={`text-xs ${muted}`}>{t("users.table.ownRow")}</span>
              ) : (
                <div className="flex flex-nowrap gap-2">
                  <StatusButton
                    user={u}
                    disabled={pending}
                    onClick={(kind) => (kind === "suspend" ? (clearError(), setSuspending(u)) : run({ kind, user: u }))}
                  />
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    aria-label={t("users.changeRoleFor", { name: u.name })}
                    onClick={() => (clearError(), setChangingRole(u))}
                  >
                    {t("users.changeRole")}
                  </Button>
                  {deleting.button(u)}
                </div>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {deleting.dialog}
      <ConfirmActionDialog
        target={suspending}
        onClose={() => setSuspending(null)}
        pending={pending}
        title={(user) => t("users.suspendConfirm.title", { name: user.name })}
        description={t("users.suspendConfirm.description")}
        confirmLabel={t("users.suspendConfirm.confirm")}
        onConfirm={(user) => run({ kind: "suspend", user })}
      />
      <ChangeRoleDialog user={changingRole} roles={roles} onClose={() => setChangingRole(null)} />
    </div>
  );
}
