import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Mail } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  return (
    <>
      <PageHeader title="Outbox" description="Email notices Keyward has queued or sent." />
      <EmptyState icon={<Mail className="size-8" aria-hidden />} title="No messages" description="Token notices appear here. Without SMTP_URL they are kept here instead of being sent." />
    </>
  );
}
