"use client";

import { inputClass } from "@/components/ui/field";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/domain/token-status";

const STATUSES = Object.keys(TOKEN_STATUS_LABELS) as TokenStatus[];

/** "Search tokens" (title or token ID) and the status filter above the list. */
export function TokenListFilters(props: {
  search: string;
  onSearchChange: (search: string) => void;
  status: TokenStatus | null;
  onStatusChange: (status: TokenStatus | null) => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-full max-w-sm space-y-1">
        <label htmlFor="token-search" className="block text-sm font-medium">
          Search tokens
        </label>
        <input
          id="token-search"
          type="search"
          value={props.search}
          onChange={(e) => props.onSearchChange(e.target.value)}
          placeholder="Title or token ID"
          className={inputClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="token-status" className="block text-sm font-medium">
          Status
        </label>
        <select
          id="token-status"
          value={props.status ?? ""}
          onChange={(e) => props.onStatusChange((e.target.value || null) as TokenStatus | null)}
          className={inputClass}
        >
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {TOKEN_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
