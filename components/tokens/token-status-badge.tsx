import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/page";
import type { TokenStatus } from "@/lib/domain/token-status";

const TONES = { active: "green", expired: "amber", revoked: "red", suspended: "neutral" } as const;

/** The token's status as a labelled badge: Active, Expired, Revoked or Suspended (有効, 期限切れ …). */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  const t = useTranslations("tokenStatus");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
