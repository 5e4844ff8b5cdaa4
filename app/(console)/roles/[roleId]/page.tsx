import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PermissionTable } from "@/components/permissions/permission-table";
import { PageHeader } from "@/components/ui/page";
import { getRoleNamer } from "@/lib/i18n/role-name";
import { RoleForm } from "../_components/role-form";
import { loadRole } from "./load-role";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("roles.edit");
  return { title: t("metaTitle") };
}

// Edit a custom role; the built-in System Administrator is shown read-only.
export default async function RolePage({ params }: { params: Promise<{ roleId: string }> }) {
  const { actor, role } = await loadRole((await params).roleId);
  const t = await getTranslations("roles.edit");
  if (!role) notFound();
  if (role.builtIn) {
    const name = (await getRoleNamer())(role);
    return (
      <>
        <PageHeader title={name} description={t("builtInDescription", { count: role.userCount })} />
        <PermissionTable caption={t("permissionsOf", { name })} value={role.permissions} readOnly />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("title", { name: role.name })} description={t("description", { count: role.userCount })} />
      <RoleForm role={{ id: role.id, name: role.name, permissions: role.permissions }} offered={actor.isSystemAdmin ? undefined : actor.permissions} />
    </>
  );
}
