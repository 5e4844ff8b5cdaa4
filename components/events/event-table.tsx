import { RowLink } from "@/components/ui/row-link";
import { useLocale, useTranslations } from "next-intl";
import { Table, tdClass, thClass } from "@/components/ui/page";
import type { EventDto } from "@/lib/data/events";
import { asTranslator, translateMessage, type Translator } from "@/lib/domain/message";
import { describeDetails } from "./event-details";
import { LocalTime } from "./local-time";

function Target({ e }: { e: EventDto }) {
  // eslint-disable-next-line i18next/no-literal-string -- a dash for "no target", the same in every language
  if (!e.targetId) return <span className="text-slate-500">—</span>;
  const label = e.targetLabel ?? e.targetId;
  if (e.targetLinkable) {
    return (
      <RowLink href={`/api-management/${encodeURIComponent(e.targetId)}`} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
        {label}
      </RowLink>
    );
  }
  return <span>{label}</span>;
}

/** Who acted: a person's or token's recorded label; the labels Keyward itself recorded, in the viewer's words. */
function actorName(e: EventDto, t: Translator): string {
  if (e.actorType === "system") return t("events.actors.system");
  if (e.actorType === "anonymous" && e.action === "api.auth_failed") return t("events.actors.unknownToken");
  if (e.actorType === "anonymous" && e.actorLabel === "(no email)") return t("events.actors.noEmail");
  return e.actorLabel;
}

/** One line per fact on screen; read (and copied) as one text, with the language's separator between facts. */
function DetailLines({ lines, separator }: { lines: string[]; separator: string }) {
  // eslint-disable-next-line i18next/no-literal-string -- a dash for "none", the same in every language
  if (!lines.length) return <>—</>;
  return lines.map((line, i) => (
    // relative: the hidden separator is placed inside the table's scroll frame, not the page's.
    <span key={i} className="relative block">
      {i > 0 && <span className="sr-only">{separator}</span>}
      {line}
    </span>
  ));
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
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("time")}</th>
          <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("actor")}</th>
          <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("action")}</th>
          {showTarget && <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("target")}</th>}
          <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("sourceIp")}</th>
          <th scope="col" className={`${thClass} whitespace-nowrap`}>{t("details")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {items.map((e) => {
          const details = describeDetails(e.details, root, locale);
          return (
            <tr key={e.id}>
              <td className={tdClass}>
                <LocalTime iso={e.at} />
              </td>
              <td className={`${tdClass} min-w-40 break-all`}>{actorName(e, root)}</td>
              <td className={`${tdClass} min-w-36`}>{translateMessage(root, e.actionLabel)}</td>
              {showTarget && (
                <td className={`${tdClass} min-w-36 break-all`}>
                  <Target e={e} />
                </td>
              )}
              {/* eslint-disable-next-line i18next/no-literal-string -- a dash for "none", the same in every language */}
              <td className={`${tdClass} font-mono text-xs`}>{e.sourceIp ?? "—"}</td>
              <td className={`${tdClass} min-w-56 max-w-sm break-words text-xs`}>
                <DetailLines lines={details} separator={separator} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
