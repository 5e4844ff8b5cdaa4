"use client";

import { Link } from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Table, tdClass } from "@/components/ui/page";
import { CopyButton } from "@/components/tokens/copy-button";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import type { TokenListDto } from "@/lib/data/tokens";
import { formatCalendarDate } from "@/lib/i18n/format";
import { LocalTime } from "@/components/events/local-time";

/** One page of tokens and the pager under it. */
export function TokenTable({ data, refreshing, onPage }: { data: TokenListDto; refreshing: boolean; onPage: (page: number) => void }) {
  const t = useTranslations("tokens");
  const due = useTranslations("rotationDue");
  const dueTag = (date: string) => due("tag", { date });
  const common = useTranslations("common");
  const [never, previous, next] = [common("never"), common("previous"), common("next")];
  const locale = useLocale();
  const headers = [t("table.name"), t("table.tokenId"), t("table.type"), t("table.createdBy"), t("table.created"), t("table.expires"), t("table.lastUsed"), t("table.allowedIps"), t("table.status")];
  return (
    <>
      <Table caption={t("table.caption")} columns={headers} busy={refreshing}>
        {data.items.map((item) => (
          <tr key={item.id}>
            <td className={tdClass}>
              <Link href={`/api-management/${item.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
                {item.title}
              </Link>
            </td>
            <td className={tdClass}>
              <span className="flex items-center gap-1">
                <code className="whitespace-nowrap font-mono text-xs">{item.id}</code>
                <CopyButton what="tokenId" text={item.id} label={t("copyTokenId")} iconOnly />
              </span>
            </td>
            <td className={tdClass}>{t(`types.${item.type}`)}</td>
            <td className={tdClass}>{item.createdBy}</td>
            <td className={`${tdClass} whitespace-nowrap`}><LocalTime iso={item.createdAt} /></td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatCalendarDate(item.expiresOn, locale)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{item.lastUsedAt ? <LocalTime iso={item.lastUsedAt} /> : never}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{item.allowedIpCount === 0 ? t("anyIp.label") : t("table.ipCount", { count: item.allowedIpCount })}</td>
            <td className={tdClass}>
              <TokenStatusBadge status={item.status} />
              {item.rotationDueOn && (
                <span className="mt-1 block whitespace-nowrap text-xs font-medium text-amber-800 dark:text-amber-200">
                  {dueTag(formatCalendarDate(item.rotationDueOn, locale))}
                </span>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <nav aria-label={t("table.pagination")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p>{t("table.summary", { total: data.total, page: data.page, pageCount: data.pageCount })}</p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            {previous}
          </Button>
          <Button variant="secondary" size="sm" disabled={data.page >= data.pageCount} onClick={() => onPage(data.page + 1)}>
            {next}
          </Button>
        </div>
      </nav>
    </>
  );
}
