"use client";

import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callServerAction } from "@/components/hooks/call-server-action";
import type { TokenStatus } from "@/lib/domain/token-status";
import type { TokenListDto } from "@/lib/data/tokens";
import { listTokensAction } from "../actions";

/**
 * The list's search, status filter and page, and the query that fetches them. Its key starts
 * with "tokens", so every change made elsewhere (which invalidates ["tokens"]) refetches it.
 */
export function useTokenList(initial: TokenListDto) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatusState] = useState<TokenStatus | null>(null);
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
      const result = await callServerAction(listTokensAction, params);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: isDefault ? initial : undefined,
    placeholderData: keepPreviousData,
  });

  function setStatus(next: TokenStatus | null) {
    setStatusState(next);
    setPage(1);
  }

  function clear() {
    setSearch("");
    setQ("");
    setStatus(null);
  }

  return { query, search, setSearch, status, setStatus, setPage, clear, filtered: q !== "" || status !== null };
}
