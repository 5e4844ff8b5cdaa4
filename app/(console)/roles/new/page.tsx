import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { RoleForm } from "../_components/role-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("roles");
  return { title: t("add") };
}

export default async function NewRolePage() {
  const actor = await requirePageActor("users-roles.manage");
  const t = await getTranslations("roles");
  return (
    <>
      <PageHeader title={t("add")} description={t("new.description")} />
      <RoleForm offered={actor.isSystemAdmin ? undefined : actor.permissions} />
    </>
  );
}
