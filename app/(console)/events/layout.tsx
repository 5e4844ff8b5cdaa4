import { SectionMessages } from "@/components/i18n/section-messages";
import { requirePageActor } from "@/lib/auth/page-guard";

// Checked here, above this section's loading boundary, so a refusal is a real 403 response
// rather than a 200 that streams the 403 page. Pages and actions still check on their own.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePageActor("event-history.view");
  return <SectionMessages section="events">{children}</SectionMessages>;
}
