import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { countUsers } from "@/lib/data/users";
import { AuthCard } from "@/components/auth-card";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

// First run: shown only while no user exists.
export default function SetupPage() {
  if (countUsers() > 0) redirect("/login");
  return (
    <AuthCard title="Set up Keyward" description="Create the first administrator. This account gets the System Administrator role.">
      <SetupForm />
    </AuthCard>
  );
}
