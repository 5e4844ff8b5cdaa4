"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Badge, Table, tdClass } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { useRowDelete } from "@/components/confirm-action-dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { UserListItem } from "@/lib/data/users";
import { deleteUserAction, reactivateUserAction, suspendUserAction } from "../actions";
import { ChangeRoleDialog } from "./change-role-dialog";

const ROW_ACTIONS = {
  suspend: { action: suspendUserAction, done: (name: string) => `${name} was suspended and signed out.` },
  reactivate: { action: reactivateUserAction, done: (name: string) => `${name} was reactivated.` },
  delete: { action: deleteUserAction, done: (name: string) => `${name} was deleted.` },
};
type RowAction = { kind: keyof typeof ROW_ACTIONS; user: UserListItem };

/** Suspend for an active user, Reactivate for a suspended one. */
function StatusButton({ user, disabled, onClick }: { user: UserListItem; disabled: boolean; onClick: (kind: "suspend" | "reactivate") => void }) {
  const kind = user.status === "active" ? "suspend" : "reactivate";
  const label = kind === "suspend" ? "Suspend" : "Reactivate";
  return (
    <Button size="sm" variant="secondary" disabled={disabled} aria-label={`${label} ${user.name}`} onClick={() => onClick(kind)}>
      {label}
    </Button>
  );
}

/** ISO time shown in UTC, so server and browser render the same text. */
function utc(iso: string | null): React.ReactNode {
  if (!iso) return <span className="text-slate-600 dark:text-slate-300">Never</span>;
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}

export function UsersTable({
  users,
  roles,
  currentUserId,
}: {
  users: UserListItem[];
  roles: { id: number; name: string }[];
  currentUserId: string;
}) {
  // A user's status and deletion change how their tokens show in the token list.
  const { run, pending, error, clearError } = useServerAction<RowAction, unknown>(({ kind, user }) => ROW_ACTIONS[kind].action({ userId: user.id }), {
    invalidate: [["tokens"]],
    onSuccess: (_, { kind, user }) => toast.success(ROW_ACTIONS[kind].done(user.name)),
  });
  const deleting = useRowDelete<UserListItem>({
    pending,
    clearError,
    title: (user) => `Delete ${user.name}?`,
    description: "The user can no longer sign in, and every API token they created is deleted and stops working. Their events stay in Event history. This can’t be undone.",
    confirmLabel: "Delete user",
    onConfirm: (user) => run({ kind: "delete", user }),
  });
  const [changingRole, setChangingRole] = useState<UserListItem | null>(null);

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Table caption="Console users" columns={["Name", "Email", "Role", "Device groups", "Status", "Last sign-in", "Actions"]}>
        {users.map((u) => (
          <tr key={u.id}>
            <th scope="row" className={`${tdClass} whitespace-nowrap font-medium`}>
              {u.name}
              {u.id === currentUserId && <span className="ml-1 text-xs font-normal text-slate-600 dark:text-slate-300">(you)</span>}
            </th>
            <td className={tdClass}>{u.email}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{u.roleName ?? "No role"}</td>
            <td className={tdClass}>{u.deviceGroups.length ? u.deviceGroups.join(", ") : <span className="text-slate-600 dark:text-slate-300">None</span>}</td>
            <td className={tdClass}>
              {u.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Suspended</Badge>}
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>{utc(u.lastSignInAt)}</td>
            <td className={tdClass}>
              <div className="flex flex-nowrap gap-2">
                <StatusButton user={u} disabled={pending} onClick={(kind) => run({ kind, user: u })} />
                <Button size="sm" variant="secondary" disabled={pending} aria-label={`Change role for ${u.name}`} onClick={() => (clearError(), setChangingRole(u))}>
                  Change role
                </Button>
                {deleting.button(u)}
              </div>
            </td>
          </tr>
        ))}
      </Table>
      {deleting.dialog}
      <ChangeRoleDialog user={changingRole} roles={roles} onClose={() => setChangingRole(null)} />
    </div>
  );
}
