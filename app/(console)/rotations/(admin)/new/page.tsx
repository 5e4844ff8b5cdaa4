import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/query-provider";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { campaignUserOptions } from "@/lib/data/campaigns";
import { deadlineBounds } from "@/lib/domain/campaign";
import { clock } from "@/lib/domain/clock";
import { addDaysIso } from "@/lib/domain/expiry";
import { NewCampaignForm } from "./_components/new-campaign-form";

export async function generateMetadata() {
  const t = await getTranslations("campaigns.new");
  return { title: t("title") };
}

// Deadline bounds depend on today (UTC).
export const dynamic = "force-dynamic";

/** A suggested deadline: four weeks ahead, time for the owners to plan a rotation. */
const SUGGESTED_DEADLINE_DAYS = 28;

// New campaign. System Administrators only; the actions behind it check again.
export default async function NewCampaignPage() {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const t = await getTranslations("campaigns.new");
  const now = clock.now();
  const bounds = deadlineBounds(now);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryProvider>
        <NewCampaignForm users={await campaignUserOptions({ actor })} bounds={bounds} defaultDeadline={addDaysIso(bounds.min, SUGGESTED_DEADLINE_DAYS - 1)} />
      </QueryProvider>
    </>
  );
}
