import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { NewItemLink } from "@/components/ui/new-item-link";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listRoles } from "@/lib/data/roles";
import { RolesTable } from "./_components/roles-table";

export const metadata: Metadata = { title: "Roles" };

// Roles and how many users hold each; System Administrator is built in and read-only.
export default async function RolesPage() {
  await requirePageActor("users-roles.manage");
  const roles = listRoles();
  const custom = roles.filter((r) => !r.builtIn);
  const addRole = <NewItemLink href="/roles/new">Add role</NewItemLink>;
  return (
    <>
      <PageHeader title="Roles" description="A role is a named set of permissions. Changes apply to its users on their next request." actions={addRole} />
      <RolesTable roles={roles.map((r) => ({ id: r.id, name: r.name, builtIn: r.builtIn, userCount: r.userCount, permissionCount: r.permissions.length }))} />
      {custom.length === 0 && (
        <div className="mt-6">
          <EmptyState
            icon={<ShieldCheck className="size-8" aria-hidden />}
            title="No custom roles yet"
            description="Add a role to give people only the permissions they need, such as viewing reports without managing API credentials."
          />
        </div>
      )}
    </>
  );
}
