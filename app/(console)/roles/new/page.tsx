import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { RoleForm } from "../_components/role-form";

export const metadata: Metadata = { title: "Add role" };

export default async function NewRolePage() {
  const actor = await requirePageActor("users-roles.manage");
  return (
    <>
      <PageHeader title="Add role" description="Name the role and choose its permissions. Manage includes View." />
      <RoleForm offered={actor.isSystemAdmin ? undefined : actor.permissions} />
    </>
  );
}
