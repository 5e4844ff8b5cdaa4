import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PermissionTable } from "@/components/permissions/permission-table";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getRoleById } from "@/lib/data/roles";
import { RoleForm } from "../_components/role-form";

export const metadata: Metadata = { title: "Role" };

// Edit a custom role; the built-in System Administrator is shown read-only.
export default async function RolePage({ params }: { params: Promise<{ roleId: string }> }) {
  const actor = await requirePageActor("users-roles.manage");
  const { roleId } = await params;
  const id = Number(roleId);
  const role = Number.isSafeInteger(id) && id > 0 ? getRoleById(id) : null;
  if (!role) notFound();
  const users = `${role.userCount} ${role.userCount === 1 ? "user has" : "users have"} this role.`;
  if (role.builtIn) {
    return (
      <>
        <PageHeader title={role.name} description={`Built in: it has every permission and can’t be edited or deleted. ${users}`} />
        <PermissionTable caption={`Permissions of ${role.name}`} value={role.permissions} readOnly />
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Edit role: ${role.name}`} description={`Changes apply to its users on their next request. ${users}`} />
      <RoleForm role={{ id: role.id, name: role.name, permissions: role.permissions }} offered={actor.isSystemAdmin ? undefined : actor.permissions} />
    </>
  );
}
