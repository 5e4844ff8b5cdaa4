"use client";

import { useState } from "react";
import { Badge, Table, tdClass, thClass } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useActionRunner } from "@/components/users/use-action-runner";
import type { UserListItem } from "@/lib/data/users";
import { deleteUserAction, reactivateUserAction, suspendUserAction } from "../actions";
import { ChangeRoleDialog } from "./change-role-dialog";

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
  const { run, pending, error, clearError } = useActionRunner();
  const [deleting, setDeleting] = useState<UserListItem | null>(null);
  const [changingRole, setChangingRole] = useState<UserListItem | null>(null);

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Table caption="Console users">
        <thead>
          <tr>
            <th scope="col" className={thClass}>Name</th>
            <th scope="col" className={thClass}>Email</th>
            <th scope="col" className={thClass}>Role</th>
            <th scope="col" className={thClass}>Device groups</th>
            <th scope="col" className={thClass}>Status</th>
            <th scope="col" className={thClass}>Last sign-in</th>
            <th scope="col" className={thClass}>Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
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
                  {u.status === "active" ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      aria-label={`Suspend ${u.name}`}
                      onClick={() => run(() => suspendUserAction({ userId: u.id }), `${u.name} was suspended and signed out.`)}
                    >
                      Suspend
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      aria-label={`Reactivate ${u.name}`}
                      onClick={() => run(() => reactivateUserAction({ userId: u.id }), `${u.name} was reactivated.`)}
                    >
                      Reactivate
                    </Button>
                  )}
                  <Button size="sm" variant="secondary" disabled={pending} aria-label={`Change role for ${u.name}`} onClick={() => (clearError(), setChangingRole(u))}>
                    Change role
                  </Button>
                  <Button size="sm" variant="danger" disabled={pending} aria-label={`Delete ${u.name}`} onClick={() => (clearError(), setDeleting(u))}>
                    Delete
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : "Delete user?"}
        description="The user can no longer sign in, and every API token they created is deleted and stops working. Their events stay in Event history. This can’t be undone."
        confirmLabel="Delete user"
        destructive
        pending={pending}
        onConfirm={async () => {
          if (!deleting) return;
          const target = deleting;
          await run(() => deleteUserAction({ userId: target.id }), `${target.name} was deleted.`);
          setDeleting(null);
        }}
      />
      <ChangeRoleDialog user={changingRole} roles={roles} onClose={() => setChangingRole(null)} />
    </div>
  );
}
