import type { Metadata } from "next";
import { History } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Event history" };

export default async function EventsPage() {
  await requirePageActor("event-history.view");
  return (
    <>
      <PageHeader title="Event history" description="Everything that happened in Keyward, newest first." />
      <EmptyState icon={<History className="size-8" aria-hidden />} title="No events to show" description="Sign-ins, user changes and token changes are recorded here." />
    </>
  );
}
