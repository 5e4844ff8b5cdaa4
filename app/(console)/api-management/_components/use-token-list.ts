"use client";

import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callServerAction } from "@/components/hooks/call-server-action";
import type { TokenListDto } from "@/lib/data/tokens";
import { parseTokenListQuery, tokenListSearch, type TokenListFilter, type TokenListQuery, type TokenListSort } from "@/lib/domain/token-list-query";
import { listTokensAction } from "../actions";

/**
 * The list's search, filter, sort and page, read from the URL, and the query that fetches them.
 * Changes are written with history.pushState (Next keeps useSearchParams in step without a
 * server round trip), so Back/Forward walks the views; typing only replaces the current entry,
 * so a search doesn't leave a history entry per pause. The query key starts with "tokens", so
 * every change made elsewhere (which invalidates ["tokens"]) refetches it.
 */
export function useTokenList(initial: TokenListDto, initialQuery: TokenListQuery) {
  const searchParams = useSearchParams();
  const urlSearch = searchParams.toString();
  const current = useMemo(() => parseTokenListQuery(new URLSearchParams(urlSearch)), [urlSearch]);
  const [search, setSearch] = useState(current.q);
  const [seenQ, setSeenQ] = useState(current.q);

  // The URL's search changed under us (Back/Forward): show it in the box, unless it is what
  // the box already holds (our own write after a pause in typing).
  if (current.q !== seenQ) {
    setSeenQ(current.q);
    if (current.q !== search.trim()) setSearch(current.q);
  }

  // Searching on every keystroke would query for each letter; wait for a short pause.
  useEffect(() => {
    const q = search.trim();
    if (q === current.q) return;
    const t = setTimeout(() => navigate({ ...current, q, page: 1 }, "replace"), 250);
    return () => clearTimeout(t);
  }, [search, current]);

  const initialKey = tokenListSearch(initialQuery);
  const query = useQuery({
    queryKey: ["tokens", current],
    queryFn: async () => {
      const result = await callServerAction(listTokensAction, current);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: tokenListSearch(current) === initialKey ? initial : undefined,
    placeholderData: keepPreviousData,
  });

  const withSearch = { ...current, q: search.trim() };
  return {
    query,
    search,
    setSearch,
    status: current.status,
    setStatus: (status: TokenListFilter | null) => navigate({ ...withSearch, status, page: 1 }),
    sort: current.sort,
    setSort: (sort: TokenListSort) => navigate({ ...withSearch, sort, page: 1 }),
    setPage: (page: number) => navigate({ ...current, page }),
    clear: () => {
      setSearch("");
      navigate({ ...current, q: "", status: null, page: 1 });
    },
    filtered: current.q !== "" || current.status !== null,
  };
}

function navigate(next: TokenListQuery, mode: "push" | "replace" = "push") {
  const url = `${window.location.pathname}${tokenListSearch(next)}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}
