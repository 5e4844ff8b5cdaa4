import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/page";
import type { CampaignStatus } from "@/lib/domain/campaign";

const TONES = { starting: "blue", active: "green", completed: "neutral", cancelled: "amber" } as const;

/** A campaign's status as a labelled badge: Starting, Active, Completed or Cancelled. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useTranslations("campaigns.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
