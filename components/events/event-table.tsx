import { useLocale, useTranslations } from "next-intl";
import { Table, thClass } from "@/components/ui/page";
import type { EventDto } from "@/lib/data/events";
import { asTranslator, translateMessage, type Translator } from "@/lib/domain/message";
import { describeDetails } from "./event-details";
import { EventRows, type EventRow } from "./event-rows";

/** Who acted: a person's or token's recorded label; the labels Keyward itself recorded, in the viewer's words. */
function actorName(e: EventDto, t: Translator): string {
  if (e.actorType === "system") return t("events.actors.system");
  if (e.actorType === "campaign") return t("events.actors.campaign", { name: e.actorLabel });
  if (e.actorType === "anonymous" && e.action === "api.auth_failed") return t("events.actors.unknownToken");
  if (e.actorType === "anonymous" && e.actorLabel === "(no email)") return t("events.actors.noEmail");
  return e.actorLabel;
}

/**
 * Events as a table: time (viewer's zone, UTC on hover), actor, action, target, source IP, details.
 * Columns keep a readable width on a narrow screen; the table then scrolls inside its frame.
 */
export function EventTable({ items, caption, showTarget = true }: { items: EventDto[]; caption: string; showTarget?: boolean }) {
  const t = useTranslations("events.columns");
  const root = asTranslator(useTranslations());
  const locale = useLocale();
  const separator = root("eventDetails.separator");
  const rows: EventRow[] = items.map((e) => [
    e.id,
    Date.parse(e.at),
    actorName(e, root),
    translateMessage(root, e.actionLabel),
    e.targetId ? [e.targetLabel ?? e.targetId, e.targetLinkable ? e.targetId : null] : null,
    e.sourceIp,
    describeDetails(e.details, root, locale),
  ]);
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={thClass}>{t("time")}</th>
          <th scope="col" className={thClass}>{t("actor")}</th>
          <th scope="col" className={thClass}>{t("action")}</th>
          {showTarget && <th scope="col" className={thClass}>{t("target")}</th>}
          <th scope="col" className={thClass}>{t("sourceIp")}</th>
          <th scope="col" className={thClass}>{t("details")}</th>
        </tr>
      </thead>
      <EventRows rows={rows} showTarget={showTarget} separator={separator} />
    </Table>
  );
}
