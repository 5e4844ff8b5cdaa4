"use client";

import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callServerAction } from "@/components/hooks/call-server-action";
import type { TokenListDto } from "@/lib/data/tokens";
import { parseTokenListQuery, tokenListSearch, type TokenListFilter, type TokenListQuery, type TokenListSort } from "@/lib/domain/token-list-query";
import { listTokensAction } from "../actions";

// The list's own history entries are written with history.pushState and read back from
// location and popstate directly: the page's server-rendered tree is the same for every view,
// so nothing needs Next's router, and its asynchronous navigation state can't lag behind quick
// Back/Forward presses.
const URL_CHANGED = "keyward:token-list-url";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(URL_CHANGED, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(URL_CHANGED, onChange);
  };
}

/** The view the URL names now (read at call time, so a late timer never writes a stale one). */
function urlQuery(): TokenListQuery {
  return parseTokenListQuery(new URLSearchParams(window.location.search));
}

function navigate(patch: Partial<TokenListQuery>, mode: "push" | "replace" = "push") {
  const url = `${window.location.pathname}${tokenListSearch({ ...urlQuery(), ...patch })}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
  window.dispatchEvent(new Event(URL_CHANGED));
}

/**
 * The list's search, filter, sort and page, kept in the URL, and the query that fetches them.
 * Each change is a history entry, so Back/Forward walks the views; typing only replaces the
 * current entry, so a search doesn't leave an entry per pause. The query key starts with
 * "tokens", so every change made elsewhere (which invalidates ["tokens"]) refetches it.
 */
export function useTokenList(initial: TokenListDto, initialQuery: TokenListQuery) {
  const initialKey = tokenListSearch(initialQuery);
  const urlSearch = useSyncExternalStore(subscribe, () => window.location.search, () => initialKey);
  const current = useMemo(() => parseTokenListQuery(new URLSearchParams(urlSearch)), [urlSearch]);
  const [search, setSearch] = useState(current.q);
  const [seenQ, setSeenQ] = useState(current.q);

  // The URL's search changed under us (Back/Forward): show it in the box, unless it is what
  // the box already holds (our own write after a pause in typing).
  if (current.q !== seenQ) {
    setSeenQ(current.q);
    if (current.q !== search.trim()) setSearch(current.q);
  }

  // The box writes the URL at once, so no write is pending when a row link is clicked (a late
  // one landed in the middle of that navigation and kept the list on screen). The query waits
  // for a short pause in typing, so it doesn't run for each letter; other changes apply at once.
  const [settled, setSettled] = useState(current);
  const typing = settled.q !== current.q && tokenListSearch({ ...settled, q: current.q }) === tokenListSearch(current);
  if (!typing && tokenListSearch(settled) !== tokenListSearch(current)) setSettled(current);
  useEffect(() => {
    if (!typing) return;
    const t = setTimeout(() => setSettled(current), 250);
    return () => clearTimeout(t);
  }, [current, typing]);

  const query = useQuery({
    queryKey: ["tokens", settled],
    queryFn: async () => {
      const result = await callServerAction(listTokensAction, settled);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: tokenListSearch(settled) === initialKey ? initial : undefined,
    placeholderData: keepPreviousData,
  });

  return {
    query,
    search,
    setSearch: (value: string) => {
      setSearch(value);
      navigate({ q: value.trim(), page: 1 }, "replace");
    },
    status: current.status,
    setStatus: (status: TokenListFilter | null) => navigate({ q: search.trim(), status, page: 1 }),
    sort: current.sort,
    setSort: (sort: TokenListSort) => navigate({ q: search.trim(), sort, page: 1 }),
    setPage: (page: number) => navigate({ page }),
    clear: () => {
      setSearch("");
      navigate({ q: "", status: null, page: 1 });
    },
    filtered: current.q !== "" || current.status !== null,
  };
}
