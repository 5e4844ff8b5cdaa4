import { Badge } from "@/components/ui/page";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/domain/token-status";

const TONES = { active: "green", expired: "amber", revoked: "red", suspended: "neutral" } as const;

/** The token's status as a labelled badge: Active, Expired, Revoked or Suspended. */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <Badge tone={TONES[status]}>{TOKEN_STATUS_LABELS[status]}</Badge>;
}
