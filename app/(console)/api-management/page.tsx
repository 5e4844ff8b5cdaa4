import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "API management" };

export default async function ApiManagementPage() {
  await requirePageActor("api-credentials.view");
  return (
    <>
      <PageHeader title="API management" description="API tokens let programs call the Keyward API." />
      <EmptyState icon={<KeyRound className="size-8" aria-hidden />} title="No API tokens yet" description="Tokens you create will be listed here with their status and expiry." />
    </>
  );
}
