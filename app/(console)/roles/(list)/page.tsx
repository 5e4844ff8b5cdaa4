import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { NewItemLink } from "@/components/ui/new-item-link";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listRoles } from "@/lib/data/roles";
import { getRoleNamer } from "@/lib/i18n/role-name";
import { RolesTable } from "../_components/roles-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("roles");
  return { title: t("title") };
}

// Roles and how many users hold each; System Administrator is built in and read-only.
export default async function RolesPage() {
  await requirePageActor("users-roles.manage");
  const t = await getTranslations("roles");
  const roleName = await getRoleNamer();
  const roles = await listRoles();
  const custom = roles.filter((r) => !r.builtIn);
  const addRole = <NewItemLink href="/roles/new">{t("add")}</NewItemLink>;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={addRole} />
      <RolesTable roles={roles.map((r) => ({ id: r.id, name: roleName(r), builtIn: r.builtIn, userCount: r.userCount, permissionCount: r.permissions.length }))} />
      {custom.length === 0 && (
        <div className="mt-6">
          <EmptyState icon={<ShieldCheck className="size-8" aria-hidden />} title={t("noCustomTitle")} description={t("noCustomDescription")} />
        </div>
      )}
    </>
  );
}
