import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Download } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Badge, DetailRow, EmptyState, PageHeader, Table, tdClass } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { LocalTime } from "@/components/events/local-time";
import { campaignTokensPage } from "@/lib/data/campaigns";
import { CAMPAIGN_TOKEN_STATES, type CampaignTokenState, type CampaignTotals } from "@/lib/domain/campaign";
import { requirePageActor } from "@/lib/auth/page-guard";
import { pageParam } from "@/lib/domain/user-schemas";
import { formatCalendarDate } from "@/lib/i18n/format";
import { CampaignStatusBadge } from "../_components/campaign-status-badge";
import { CampaignActions } from "./_components/campaign-actions";
import { TokenFilters } from "./_components/token-filters";
import { loadCampaign } from "./load-campaign";

export async function generateMetadata() {
  const t = await getTranslations("campaigns.detail");
  return { title: t("metaTitle") };
}

const TOTALS: (keyof CampaignTotals)[] = ["inScope", "rotated", "pending", "rotatedAutomatically", "revoked", "ended"];
const STATE_TONES = { pending: "amber", rotated: "green", rotated_auto: "blue", revoked: "red", ended: "neutral" } as const;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// One campaign: what it asks, how far it has got, and its tokens a page at a time. System Administrators only.
export default async function CampaignPage({ params, searchParams }: { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const campaign = await loadCampaign((await params).campaignId);
  if (!campaign) notFound();
  const sp = await searchParams;
  const rawState = first(sp.state);
  const state = CAMPAIGN_TOKEN_STATES.find((s) => s === rawState) ?? null;
  const q = (first(sp.q) ?? "").trim().slice(0, 100);
  const tokens = await campaignTokensPage({ actor, campaignId: campaign.id, filter: { state, q }, page: pageParam(sp.page) });
  const t = await getTranslations("campaigns");
  const never = (await getTranslations("common"))("never");
  const format = await getFormatter();
  const locale = await getLocale();
  const scope =
    campaign.scope.kind === "older_than"
      ? t("detail.scopeOlderThan", { days: campaign.scope.days })
      : campaign.scope.kind === "users"
        ? t("detail.scopeUsers", { count: campaign.scope.userIds.length })
        : t("detail.scopeAll");
  const filtered = state !== null || q !== "";
  const stateLabel = (s: CampaignTokenState) => <Badge tone={STATE_TONES[s]}>{t(`states.${s}`)}</Badge>;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/rotations" className="inline-flex items-center gap-1 text-brand-700 underline underline-offset-2 dark:text-brand-100">
          <ArrowLeft className="size-4" aria-hidden />
          {t("detail.back")}
        </Link>
      </p>
      <PageHeader
        title={campaign.name}
        actions={
          <Button asChild variant="secondary">
            {/* A file download, not a page: no prefetch, no client navigation. */}
            <a href={`/rotations/${campaign.id}/export`} download>
              <Download className="size-4" aria-hidden />
              {t("detail.exportCsv")}
            </a>
          </Button>
        }
      />

      <section aria-labelledby="campaign-details" className="mb-6">
        <h2 id="campaign-details" className="sr-only">
          {t("detail.detailsHeading")}
        </h2>
        <dl className="divide-y divide-slate-200 dark:divide-slate-800">
          <DetailRow label={t("detail.status")}>
            <CampaignStatusBadge status={campaign.status} />
          </DetailRow>
          <DetailRow label={t("detail.reason")}>
            <span className="whitespace-pre-line">{campaign.reason}</span>
          </DetailRow>
          <DetailRow label={t("detail.scope")}>{scope}</DetailRow>
          <DetailRow label={t("detail.deadline")}>{t("deadlineValue", { date: formatCalendarDate(campaign.deadlineOn, locale) })}</DetailRow>
          <DetailRow label={t("detail.action")}>{t(`actions.${campaign.action}`)}</DetailRow>
          <DetailRow label={t("detail.startedBy")}>{campaign.createdByEmail}</DetailRow>
          <DetailRow label={t("detail.started")}>
            <LocalTime iso={campaign.createdAt} />
          </DetailRow>
          {campaign.endedAt && (
            <DetailRow label={t("detail.ended")}>
              <LocalTime iso={campaign.endedAt} />
            </DetailRow>
          )}
        </dl>
        {campaign.status === "active" && (
          <div className="mt-4">
            <CampaignActions campaignId={campaign.id} action={campaign.action} />
          </div>
        )}
      </section>

      <section aria-labelledby="campaign-totals" className="mb-6">
        <h2 id="campaign-totals" className="mb-2 text-lg font-semibold">
          {t("detail.totalsHeading")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {TOTALS.map((key) => (
            <div key={key} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <dt className="text-xs text-slate-600 dark:text-slate-300">{t(`detail.totals.${key}`)}</dt>
              <dd className="text-xl font-semibold tabular-nums">{format.number(campaign.totals[key])}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="campaign-tokens">
        <h2 id="campaign-tokens" className="mb-2 text-lg font-semibold">
          {t("detail.tokensHeading")}
        </h2>
        <TokenFilters key={`${state}:${q}`} campaignId={campaign.id} state={state} q={q} />
        {tokens.total === 0 ? (
          <EmptyState
            title={filtered ? t("detail.noMatchTitle") : t("detail.noTokensTitle")}
            description={filtered ? t("detail.noMatchDescription") : t("detail.noTokensDescription")}
            action={
              filtered ? (
                <Button asChild variant="secondary">
                  <Link href={`/rotations/${campaign.id}`}>{t("detail.showAll")}</Link>
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <Table caption={t("detail.tableCaption")} columns={[t("detail.columns.title"), t("detail.columns.owner"), t("detail.columns.lastUsed"), t("detail.columns.state")]}>
              {tokens.rows.map((r) => (
                <tr key={r.tokenId}>
                  <th scope="row" className={`${tdClass} min-w-40 break-words font-medium`}>
                    {r.title}
                  </th>
                  <td className={`${tdClass} min-w-40 break-all`}>
                    {r.owner ? (
                      <>
                        {r.owner.name}
                        <span className="block text-xs text-slate-600 dark:text-slate-300">{r.owner.email}</span>
                      </>
                    ) : (
                      <span className="text-slate-600 dark:text-slate-300">{t("detail.deletedOwner")}</span>
                    )}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>{r.lastUsedAt ? <LocalTime iso={r.lastUsedAt} /> : never}</td>
                  <td className={tdClass}>{stateLabel(r.state)}</td>
                </tr>
              ))}
            </Table>
            <Pagination
              basePath={`/rotations/${campaign.id}`}
              query={{ state: state ?? "", q }}
              page={tokens.page}
              pageCount={tokens.pageCount}
              summary={t("detail.tokensSummary", { page: tokens.page, pageCount: tokens.pageCount, total: tokens.total })}
            />
          </>
        )}
      </section>
    </>
  );
}
