"use client";

import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/field";
import { TOKEN_STATUSES, type TokenStatus } from "@/lib/domain/token-status";

/** "Search tokens" (title or token ID) and the status filter above the list. */
export function TokenListFilters(props: {
  search: string;
  onSearchChange: (search: string) => void;
  status: TokenStatus | null;
  onStatusChange: (status: TokenStatus | null) => void;
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
          onChange={(e) => props.onStatusChange((e.target.value || null) as TokenStatus | null)}
          className={inputClass}
        >
          <option value="">{t("allStatuses")}</option>
          {TOKEN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {status(s)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
