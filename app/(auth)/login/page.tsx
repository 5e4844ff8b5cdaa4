import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { getActor } from "@/lib/auth/actor";
import { countUsers } from "@/lib/data/users";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (countUsers() === 0) redirect("/setup");
  if (await getActor()) redirect("/api-management");
  return (
    <AuthCard title="Sign in" description="Sign in to manage API tokens.">
      <LoginForm />
    </AuthCard>
  );
}
