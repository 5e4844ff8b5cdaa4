import { Link } from "@/components/ui/link";
import { forbidden } from "next/navigation";
import { Plus, RefreshCcw } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Table, tdClass } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { LocalTime } from "@/components/events/local-time";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listCampaigns } from "@/lib/data/campaigns";
import { pageParam } from "@/lib/domain/user-schemas";
import { formatCalendarDate } from "@/lib/i18n/format";
import { CampaignStatusBadge } from "../_components/campaign-status-badge";

export async function generateMetadata() {
  const t = await getTranslations("campaigns");
  return { title: t("title") };
}

// Rotation campaigns, newest first, with how far each has got. System Administrators only.
export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const t = await getTranslations("campaigns");
  const format = await getFormatter();
  const locale = await getLocale();
  const data = await listCampaigns({ actor, page: pageParam((await searchParams).page) });
  const newCampaign = (
    <Button asChild>
      <Link href="/rotations/new">
        <Plus className="size-4" aria-hidden />
        {t("newCampaign")}
      </Link>
    </Button>
  );
  const columns = [t("columns.name"), t("columns.status"), t("columns.deadline"), t("columns.action"), t("columns.inScope"), t("columns.pending"), t("columns.started")];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={data.total > 0 ? newCampaign : undefined} />
      {data.total === 0 ? (
        <EmptyState icon={<RefreshCcw className="size-8" aria-hidden />} title={t("emptyTitle")} description={t("emptyDescription")} action={newCampaign} />
      ) : (
        <>
          <Table caption={t("tableCaption")} columns={columns}>
            {data.rows.map((c) => (
              <tr key={c.id}>
                <th scope="row" className={`${tdClass} min-w-40 font-medium`}>
                  <Link href={`/rotations/${c.id}`} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
                    {c.name}
                  </Link>
                </th>
                <td className={tdClass}>
                  <CampaignStatusBadge status={c.status} />
                </td>
                <td className={`${tdClass} whitespace-nowrap`}>{t("deadlineValue", { date: formatCalendarDate(c.deadlineOn, locale) })}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{t(`actions.${c.action}`)}</td>
                <td className={`${tdClass} tabular-nums`}>{format.number(c.totals.inScope)}</td>
                <td className={`${tdClass} tabular-nums`}>{format.number(c.totals.pending)}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <LocalTime iso={c.createdAt} />
                </td>
              </tr>
            ))}
          </Table>
          <Pagination basePath="/rotations" page={data.page} pageCount={data.pageCount} summary={t("pageSummary", { page: data.page, pageCount: data.pageCount, total: data.total })} />
        </>
      )}
    </>
  );
}
