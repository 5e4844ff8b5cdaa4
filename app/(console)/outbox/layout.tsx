import { SectionMessages } from "@/components/i18n/section-messages";
import { forbidden } from "next/navigation";
import { requirePageActor } from "@/lib/auth/page-guard";

// System Administrators only. Checked above the loading boundary so a refusal is a real 403.
export default async function Layout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  return <SectionMessages section="outbox">{children}</SectionMessages>;
}
