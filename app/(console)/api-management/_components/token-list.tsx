"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { KeyRound, Plus, SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { EmptyState, LoadingRows, Table, tdClass, thClass } from "@/components/ui/page";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/domain/token-status";
import type { TokenListDto } from "@/lib/data/tokens";
import { listTokensAction } from "../actions";
import { CopyButton } from "@/components/tokens/copy-button";

const STATUSES = Object.keys(TOKEN_STATUS_LABELS) as TokenStatus[];
const TYPE_LABELS = { generated: "Generated secret", public_key: "Public key" } as const;

/** Dates from the server are formatted in UTC so server and browser render the same text. */
function formatInstant(iso: string | null): string {
  if (!iso) return "Never";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function CreateTokenLink() {
  return (
    <Button asChild>
      <Link href="/api-management/new">
        <Plus className="size-4" aria-hidden />
        Create token
      </Link>
    </Button>
  );
}

/**
 * The token list: search, status filter and pages are fetched through TanStack Query, so a
 * creation elsewhere (which invalidates ["tokens"]) refreshes it without a reload.
 */
export function TokenList({ canManage, initial }: { canManage: boolean; initial: TokenListDto }) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [page, setPage] = useState(1);

  // Searching on every keystroke would query for each letter; wait for a short pause.
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  const params = { q, status, page };
  const isDefault = q === "" && status === null && page === 1;
  const query = useQuery({
    queryKey: ["tokens", params],
    queryFn: async () => {
      const result = await listTokensAction(params);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: isDefault ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const filtered = q !== "" || status !== null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-full max-w-sm space-y-1">
          <label htmlFor="token-search" className="block text-sm font-medium">
            Search tokens
          </label>
          <input
            id="token-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
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
            value={status ?? ""}
            onChange={(e) => {
              setStatus((e.target.value || null) as TokenStatus | null);
              setPage(1);
            }}
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

      {query.isError && !data ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
          <p className="font-medium">The tokens couldn’t be loaded.</p>
          <p className="mt-1">{query.error.message}</p>
          <Button variant="secondary" className="mt-3" onClick={() => query.refetch()}>
            Try again
          </Button>
        </div>
      ) : !data ? (
        <LoadingRows label="Loading tokens…" />
      ) : data.total === 0 && !filtered ? (
        <EmptyState
          icon={<KeyRound className="size-8" aria-hidden />}
          title="No API tokens yet"
          description={canManage ? "Create a token so a program can call the Keyward API." : "Tokens you create will be listed here with their status and expiry."}
          action={canManage ? <CreateTokenLink /> : undefined}
        />
      ) : data.total === 0 ? (
        <EmptyState
          icon={<SearchX className="size-8" aria-hidden />}
          title="No tokens match"
          description="Try another title or token ID, or another status."
          action={
            <Button
              variant="secondary"
              onClick={() => {
                setSearch("");
                setQ("");
                setStatus(null);
                setPage(1);
              }}
            >
              Clear search and filter
            </Button>
          }
        />
      ) : (
        <>
          <Table caption="API tokens">
            <thead>
              <tr>
                {["Name", "Token ID", "Type", "Created by", "Created", "Expires", "Last used", "Status"].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800" aria-busy={query.isFetching}>
              {data.items.map((t) => (
                <tr key={t.id}>
                  <td className={tdClass}>
                    <Link href={`/api-management/${t.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
                      {t.title}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <span className="flex items-center gap-1">
                      <code className="whitespace-nowrap font-mono text-xs">{t.id}</code>
                      <CopyButton text={t.id} label="Copy token ID" iconOnly />
                    </span>
                  </td>
                  <td className={tdClass}>{TYPE_LABELS[t.type]}</td>
                  <td className={tdClass}>{t.createdBy}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{formatInstant(t.createdAt)}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{t.expiresOn}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{formatInstant(t.lastUsedAt)}</td>
                  <td className={tdClass}>
                    <TokenStatusBadge status={t.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <p>
              {data.total} {data.total === 1 ? "token" : "tokens"} · Page {data.page} of {data.pageCount}
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={data.page >= data.pageCount} onClick={() => setPage(data.page + 1)}>
                Next
              </Button>
            </div>
          </nav>
        </>
      )}
      {query.isError && data ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          The list couldn’t be refreshed: {query.error.message}
        </p>
      ) : null}
    </div>
  );
}
