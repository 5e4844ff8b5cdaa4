"use client";

import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/field";
import { isTokenListFilter, isTokenListSort, TOKEN_LIST_SORTS, type TokenListFilter, type TokenListSort } from "@/lib/domain/token-list-query";
import { EXPIRING_SOON_DAYS, TOKEN_STATUSES } from "@/lib/domain/token-status";

/** "Search tokens" (title or token ID), the status filter and the sort order above the list. */
export function TokenListFilters(props: {
  search: string;
  onSearchChange: (search: string) => void;
  status: TokenListFilter | null;
  onStatusChange: (status: TokenListFilter | null) => void;
  sort: TokenListSort;
  onSortChange: (sort: TokenListSort) => void;
}) {
  const t = useTranslations("tokens.list");
  const status = useTranslations("tokenStatus");
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-full max-w-sm space-y-1">
        <label htmlFor="token-search" className="block text-sm font-medium">
          {t("searchLabel")}
        </label>
        <input
          id="token-search"
          type="search"
          value={props.search}
          onChange={(e) => props.onSearchChange(e.target.value)}
          placeholder={t("searchPlaceholder")}
          className={inputClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="token-status" className="block text-sm font-medium">
          {t("statusLabel")}
        </label>
        <select
          id="token-status"
          value={props.status ?? ""}
          onChange={(e) => props.onStatusChange(isTokenListFilter(e.target.value) ? e.target.value : null)}
          className={inputClass}
        >
          <option value="">{t("allStatuses")}</option>
          {TOKEN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {status(s)}
            </option>
          ))}
          <option value="expiring-soon">{t("expiringSoon", { days: EXPIRING_SOON_DAYS })}</option>
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="token-sort" className="block text-sm font-medium">
          {t("sortLabel")}
        </label>
        <select
          id="token-sort"
          value={props.sort}
          onChange={(e) => isTokenListSort(e.target.value) && props.onSortChange(e.target.value)}
          className={inputClass}
        >
          {TOKEN_LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
