import { forbidden } from "next/navigation";
import { requirePageActor } from "@/lib/auth/page-guard";

// Campaigns are for System Administrators only (the owners' help page sits outside this group).
// Checked above the loading boundary so a refusal is a real 403; pages and actions check again.
export default async function Layout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  return children;
}
