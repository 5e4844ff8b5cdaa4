import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth-card";
import { getActor } from "@/lib/auth/actor";
import { countUsers } from "@/lib/data/users";
import { safeNextPath } from "@/lib/domain/next-path";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if ((await countUsers()) === 0) redirect("/setup");
  if (await getActor()) redirect(next ?? "/");
  const t = await getTranslations("auth.signIn");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <LoginForm next={next} />
    </AuthCard>
  );
}
