import type { Metadata } from "next";
import Link from "next/link";
import { History } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { EventTable } from "@/components/events/event-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { eventFiltersSchema, listEvents, recentActors, type EventFilters as Filters } from "@/lib/data/events";
import { EventFilters } from "./_components/event-filters";

export const metadata: Metadata = { title: "Event history" };

function pageHref(filters: Filters, cursor: { before?: number; after?: number }): string {
  const q = new URLSearchParams();
  for (const key of ["action", "actor", "target", "from", "to", "tz"] as const) {
    const v = filters[key];
    if (v) q.set(key, v);
  }
  if (cursor.before) q.set("before", String(cursor.before));
  if (cursor.after) q.set("after", String(cursor.after));
  return `/events?${q.toString()}`;
}

// Every recorded change, newest first, keyset-paginated so it stays fast at a million rows.
export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor("event-history.view");
  const raw = await searchParams;
  const filters = eventFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const page = listEvents(filters);
  const filtered = Boolean(filters.action || filters.actor || filters.target || filters.from || filters.to);
  return (
    <>
      <PageHeader title="Event history" description="Everything that happened in Keyward, newest first. Times are in your time zone; hover for UTC." />
      <EventFilters filters={filters} actors={recentActors()} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={<History className="size-8" aria-hidden />}
          title={filtered ? "No events match these filters" : "No events to show"}
          description={filtered ? "Try a wider date range or clear a filter." : "Sign-ins, user changes and token changes are recorded here."}
          action={
            filtered || filters.before || filters.after ? (
              <Button asChild variant="secondary">
                <Link href="/events">Show all events</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <EventTable items={page.items} caption="Events, newest first" />
      )}
      {(page.newerCursor || page.olderCursor) && (
        <nav aria-label="Event pages" className="mt-4 flex justify-between gap-2">
          {page.newerCursor ? (
            <Button asChild variant="secondary">
              <Link href={pageHref(filters, { after: page.newerCursor })}>Newer</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.olderCursor && (
            <Button asChild variant="secondary">
              <Link href={pageHref(filters, { before: page.olderCursor })}>Next page</Link>
            </Button>
          )}
        </nav>
      )}
    </>
  );
}
