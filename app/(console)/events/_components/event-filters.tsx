import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { TimeZoneInput } from "@/components/events/local-time";
import { DateFilterField } from "@/components/events/date-filter-field";
import { EVENT_ACTIONS } from "@/lib/domain/event-actions";
import { asTranslator, translateMessage } from "@/lib/domain/message";
import type { EventFilters as Filters } from "@/lib/data/events";

const labelClass = "block text-sm font-medium";

/**
 * A plain GET form: filters live in the URL, so a filtered view can be bookmarked or shared and
 * works before JavaScript loads. Dates are the viewer's days (their zone rides along in tz).
 */
export function EventFilters({ filters, actors }: { filters: Filters; actors: { id: string; label: string }[] }) {
  const t = useTranslations("events.filters");
  const root = asTranslator(useTranslations());
  return (
    <form method="get" action="/events" role="search" aria-label={t("label")} className="mb-4 grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-800">
      <TimeZoneInput />
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-action" className={labelClass}>{t("action")}</label>
        <select id="f-action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
          <option value="">{t("allActions")}</option>
          {Object.entries(EVENT_ACTIONS).map(([value, key]) => (
            <option key={value} value={value}>{translateMessage(root, key)}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-actor" className={labelClass}>{t("actor")}</label>
        <input id="f-actor" name="actor" list="f-actor-list" defaultValue={filters.actor ?? ""} placeholder={t("actorPlaceholder")} aria-describedby="f-actor-desc" className={inputClass} />
        <datalist id="f-actor-list">
          {actors.map((a) => {
            const value = a.label.includes("@") ? a.label : a.id;
            // An option without text shows its value: an email is not sent twice.
            return (
              <option key={a.id} value={value}>
                {value === a.label ? null : a.label}
              </option>
            );
          })}
        </datalist>
        <p id="f-actor-desc" className="sr-only">{t("actorHelp")}</p>
      </div>
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-target" className={labelClass}>{t("target")}</label>
        <input id="f-target" name="target" defaultValue={filters.target ?? ""} placeholder={t("targetPlaceholder")} aria-describedby="f-target-desc" className={inputClass} />
        <p id="f-target-desc" className="sr-only">{t("targetHelp")}</p>
      </div>
      <DateFilterField id="f-from" name="from" label={t("from")} defaultValue={filters.from} />
      <DateFilterField id="f-to" name="to" label={t("to")} defaultValue={filters.to} />
      <div className="flex items-end gap-2">
        <Button type="submit" className="whitespace-nowrap">
          {t("apply")}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/events">{t("clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
