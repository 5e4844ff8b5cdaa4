import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/page";
import type { OutboxItemDto } from "@/lib/data/outbox";

const TONES = { pending: "amber", sent: "green", failed: "red", kept: "blue" } as const;

export function OutboxStatus({ status }: { status: OutboxItemDto["status"] }) {
  const t = useTranslations("outbox.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
