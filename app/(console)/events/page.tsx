import { Link } from "@/components/ui/link";
import { History } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { EventTable } from "@/components/events/event-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { eventFiltersSchema, listEvents, recentActors, type EventFilters as Filters } from "@/lib/data/events";
import { EventFilters } from "./_components/event-filters";

export async function generateMetadata() {
  const t = await getTranslations("events");
  return { title: t("title") };
}

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
  const actor = await requirePageActor("event-history.view");
  const raw = await searchParams;
  const filters = eventFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [page, actors] = await Promise.all([listEvents(filters, actor), recentActors(actor)]);
  const t = await getTranslations("events");
  const filtered = Boolean(filters.action || filters.actor || filters.target || filters.from || filters.to);
  // Someone who is not a System Administrator sees only their own events (listEvents scopes them): the page says so.
  const own = !actor.isSystemAdmin;
  return (
    <>
      <PageHeader title={t("title")} description={own ? t("descriptionOwn") : t("description")} />
      <EventFilters filters={filters} actors={actors} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={<History className="size-8" aria-hidden />}
          title={filtered ? t("noMatchTitle") : own ? t("emptyOwnTitle") : t("emptyTitle")}
          description={filtered ? t("noMatchDescription") : own ? t("emptyOwnDescription") : t("emptyDescription")}
          action={
            filtered || filters.before || filters.after ? (
              <Button asChild variant="secondary">
                <Link href="/events">{t("showAll")}</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <EventTable items={page.items} caption={t("tableCaption")} />
      )}
      {(page.newerCursor || page.olderCursor) && (
        <nav aria-label={t("pages")} className="mt-4 flex justify-between gap-2">
          {page.newerCursor ? (
            <Button asChild variant="secondary">
              <Link href={pageHref(filters, { after: page.newerCursor })}>{t("newer")}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.olderCursor && (
            <Button asChild variant="secondary">
              <Link href={pageHref(filters, { before: page.olderCursor })}>{t("older")}</Link>
            </Button>
          )}
        </nav>
      )}
    </>
  );
}
