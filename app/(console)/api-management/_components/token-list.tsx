"use client";

import { KeyRound, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState, LoadingRows } from "@/components/ui/page";
import type { TokenListDto } from "@/lib/data/tokens";
import type { TokenListQuery } from "@/lib/domain/token-list-query";
import { CreateTokenLink } from "./create-token-link";
import { TokenListFilters } from "./token-list-filters";
import { TokenTable } from "./token-table";
import { useTokenList } from "./use-token-list";

/**
 * The token list: search, filter, sort and page (kept in the URL) are fetched through TanStack Query, so a
 * change elsewhere (which invalidates ["tokens"]) refreshes it without a reload.
 */
export function TokenList({ canManage, initial, initialQuery }: { canManage: boolean; initial: TokenListDto; initialQuery: TokenListQuery }) {
  const t = useTranslations("tokens.list");
  const list = useTokenList(initial, initialQuery);
  const { query } = list;
  return (
    <div className="space-y-4">
      <TokenListFilters
        search={list.search}
        onSearchChange={list.setSearch}
        status={list.status}
        onStatusChange={list.setStatus}
        sort={list.sort}
        onSortChange={list.setSort}
      />
      <TokenListBody list={list} canManage={canManage} />
      {query.isError && query.data && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("refreshFailed", { reason: query.error.message })}
        </p>
      )}
    </div>
  );
}

/** Whichever one of these the list is in: failed, loading, empty, nothing matching, or a page. */
function TokenListBody({ list, canManage }: { list: ReturnType<typeof useTokenList>; canManage: boolean }) {
  const t = useTranslations("tokens.list");
  const retry = useTranslations("common")("retry");
  const { query } = list;
  const data = query.data;
  if (!data && query.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium">{t("loadFailed")}</p>
        <p className="mt-1">{query.error.message}</p>
        <Button variant="secondary" className="mt-3" onClick={() => query.refetch()}>
          {retry}
        </Button>
      </div>
    );
  }
  if (!data) return <LoadingRows label={t("loading")} />;
  if (data.total > 0) return <TokenTable data={data} refreshing={query.isFetching} onPage={list.setPage} />;
  if (list.filtered) {
    return (
      <EmptyState
        icon={<SearchX className="size-8" aria-hidden />}
        title={t("noMatchTitle")}
        description={t("noMatchDescription")}
        action={
          <Button variant="secondary" onClick={list.clear}>
            {t("clearFilters")}
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<KeyRound className="size-8" aria-hidden />}
      title={t("emptyTitle")}
      description={canManage ? t("emptyDescriptionManage") : t("emptyDescriptionView")}
      action={canManage ? <CreateTokenLink /> : undefined}
    />
  );
}
