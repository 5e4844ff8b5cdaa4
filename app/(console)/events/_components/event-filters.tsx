import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { TimeZoneInput } from "@/components/events/local-time";
import { EVENT_ACTIONS } from "@/lib/domain/event-actions";
import type { EventFilters as Filters } from "@/lib/data/events";

const labelClass = "block text-sm font-medium";

/**
 * A plain GET form: filters live in the URL, so a filtered view can be bookmarked or shared and
 * works before JavaScript loads. Dates are the viewer's days (their zone rides along in tz).
 */
export function EventFilters({ filters, actors }: { filters: Filters; actors: { id: string; label: string }[] }) {
  return (
    <form method="get" action="/events" role="search" aria-label="Filter events" className="mb-4 grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-800">
      <TimeZoneInput />
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-action" className={labelClass}>Action</label>
        <select id="f-action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
          <option value="">All actions</option>
          {Object.entries(EVENT_ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-actor" className={labelClass}>Actor</label>
        <input id="f-actor" name="actor" list="f-actor-list" defaultValue={filters.actor ?? ""} placeholder="Email or ID" aria-describedby="f-actor-desc" className={inputClass} />
        <datalist id="f-actor-list">
          {actors.map((a) => (
            <option key={a.id} value={a.label.includes("@") ? a.label : a.id}>{a.label}</option>
          ))}
        </datalist>
        <p id="f-actor-desc" className="sr-only">A user&apos;s email, or a user or token ID.</p>
      </div>
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="f-target" className={labelClass}>Target</label>
        <input id="f-target" name="target" defaultValue={filters.target ?? ""} placeholder="Token ID or email" aria-describedby="f-target-desc" className={inputClass} />
        <p id="f-target-desc" className="sr-only">A token ID, a user&apos;s email, or a user or role ID.</p>
      </div>
      <div className="space-y-1">
        <label htmlFor="f-from" className={labelClass}>From</label>
        <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="f-to" className={labelClass}>To</label>
        <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit" className="whitespace-nowrap">
          Apply filters
        </Button>
        <Button asChild variant="ghost">
          <Link href="/events">Clear</Link>
        </Button>
      </div>
    </form>
  );
}
