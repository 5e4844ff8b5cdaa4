"use client";

import Link from "next/link";
import { toast } from "sonner";
import { Badge, Table, tdClass } from "@/components/ui/page";
import { useRowDelete } from "@/components/confirm-action-dialog";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { deleteRoleAction } from "../actions";

interface RoleRow {
  id: number;
  name: string;
  builtIn: boolean;
  userCount: number;
  permissionCount: number;
}

const linkClass = "text-sm font-medium text-brand-700 underline dark:text-brand-100";

export function RolesTable({ roles }: { roles: RoleRow[] }) {
  const { run, pending, error, clearError } = useServerAction((role: RoleRow) => deleteRoleAction({ roleId: role.id }), {
    onSuccess: (_, role) => toast.success(`Role “${role.name}” was deleted.`),
  });
  const deleting = useRowDelete<RoleRow>({
    pending,
    clearError,
    title: (role) => `Delete role “${role.name}”?`,
    description: "The role and its permissions are removed. A role that users still hold can’t be deleted.",
    confirmLabel: "Delete role",
    onConfirm: run,
  });

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Table caption="Roles" columns={["Role", "Permissions", "Users", "Actions"]}>
        {roles.map((r) => (
          <tr key={r.id}>
            <th scope="row" className={`${tdClass} whitespace-nowrap font-medium`}>
              {r.name} {r.builtIn && <Badge tone="blue">Built in</Badge>}
            </th>
            <td className={tdClass}>{r.builtIn ? "Every permission" : `${r.permissionCount} ${r.permissionCount === 1 ? "permission" : "permissions"}`}</td>
            <td className={tdClass}>{r.userCount}</td>
            <td className={tdClass}>
              {r.builtIn ? (
                <Link href={`/roles/${r.id}`} className={linkClass} aria-label={`View ${r.name}`}>
                  View
                </Link>
              ) : (
                <div className="flex flex-nowrap items-center gap-3">
                  <Link href={`/roles/${r.id}`} className={linkClass} aria-label={`Edit ${r.name}`}>
                    Edit
                  </Link>
                  {deleting.button(r)}
                </div>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {deleting.dialog}
    </div>
  );
}
