import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { countUsers } from "@/lib/data/users";
import { AuthCard } from "@/components/auth-card";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setup");
  return { title: t("title") };
}

// First run: shown only while no user exists.
export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");
  const t = await getTranslations("setup");
  return (
    <AuthCard title={t("heading")} description={t("description")}>
      <SetupForm />
    </AuthCard>
  );
}
