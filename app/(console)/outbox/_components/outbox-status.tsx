import { Badge } from "@/components/ui/page";
import type { OutboxItemDto } from "@/lib/data/outbox";

const LABELS = { pending: "Pending", sent: "Sent", failed: "Failed", kept: "Kept (no SMTP)" } as const;
const TONES = { pending: "amber", sent: "green", failed: "red", kept: "blue" } as const;

export function OutboxStatus({ status }: { status: OutboxItemDto["status"] }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
