"use client";

import { Link } from "@/components/ui/link";
import { toast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
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

/** The roles table; the built-in role's name arrives already in the viewer's language. */
export function RolesTable({ roles }: { roles: RoleRow[] }) {
  const t = useTranslations();
  const { run, pending, error, clearError } = useServerAction((role: RoleRow) => deleteRoleAction({ roleId: role.id }), {
    onSuccess: (_, role) => toast.success(t("roles.delete.done", { name: role.name })),
  });
  const deleting = useRowDelete<RoleRow>({
    pending,
    clearError,
    title: (role) => t("roles.delete.title", { name: role.name }),
    description: t("roles.delete.description"),
    confirmLabel: t("roles.delete.confirm"),
    onConfirm: run,
  });

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Table caption={t("roles.table.caption")} columns={[t("roles.table.role"), t("roles.table.permissions"), t("roles.table.users"), t("roles.table.actions")]}>
        {roles.map((r) => (
          <tr key={r.id}>
            <th scope="row" className={`${tdClass} whitespace-nowrap font-medium`}>
              {r.name} {r.builtIn && <Badge tone="blue">{t("roles.table.builtIn")}</Badge>}
            </th>
            <td className={`${tdClass} whitespace-nowrap`}>{r.builtIn ? t("roles.table.everyPermission") : t("roles.table.permissionCount", { count: r.permissionCount })}</td>
            <td className={tdClass}>{r.userCount}</td>
            <td className={`${tdClass} whitespace-nowrap`}>
              {r.builtIn ? (
                <Link href={`/roles/${r.id}`} className={linkClass} aria-label={t("roles.table.viewRole", { name: r.name })}>
                  {t("roles.table.view")}
                </Link>
              ) : (
                <div className="flex flex-nowrap items-center gap-3 whitespace-nowrap">
                  <Link href={`/roles/${r.id}`} className={linkClass} aria-label={t("roles.table.editRole", { name: r.name })}>
                    {t("common.edit")}
                  </Link>
                  {/* A role in use can't be deleted: say so here rather than after a click. */}
                  {deleting.button(r, r.userCount > 0 ? { reasonId: `role-${r.id}-in-use` } : undefined)}
                  {r.userCount > 0 && (
                    <span id={`role-${r.id}-in-use`} className="text-xs text-slate-600 dark:text-slate-300">
                      {t("roles.table.inUse", { count: r.userCount })}
                    </span>
                  )}
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
