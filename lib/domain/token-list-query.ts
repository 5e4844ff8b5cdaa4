/**
 * The token list's state as it lives in the URL (?q=&status=&page=&sort=), so a view can be
 * shared, reloaded and walked with Back/Forward. One parser for the server's first render and
 * the browser: anything unknown or malformed falls back to its default without an error.
 * Browser-safe.
 */
import { TOKEN_STATUSES, type TokenStatus } from "./token-status";

/** The status filter: a token status, or "expiring-soon" (live tokens expiring in the next 14 days). */
export const TOKEN_LIST_FILTERS = [...TOKEN_STATUSES, "expiring-soon"] as const;
export type TokenListFilter = (typeof TOKEN_LIST_FILTERS)[number];

/** "created": newest first (the default); "expiry-asc": soonest expiry first; "expiry-desc": latest first. */
export const TOKEN_LIST_SORTS = ["created", "expiry-asc", "expiry-desc"] as const;
export type TokenListSort = (typeof TOKEN_LIST_SORTS)[number];

export const MAX_SEARCH_LENGTH = 200;
export const MAX_PAGE = 1_000_000;

export interface TokenListQuery {
  q: string;
  status: TokenListFilter | null;
  page: number;
  sort: TokenListSort;
}

export const DEFAULT_TOKEN_LIST_QUERY: TokenListQuery = { q: "", status: null, page: 1, sort: "created" };

export function isTokenListFilter(value: unknown): value is TokenListFilter {
  return typeof value === "string" && (TOKEN_LIST_FILTERS as readonly string[]).includes(value);
}

export function isTokenListSort(value: unknown): value is TokenListSort {
  return typeof value === "string" && (TOKEN_LIST_SORTS as readonly string[]).includes(value);
}

export function isTokenStatusFilter(value: TokenListFilter | null): value is TokenStatus {
  return value !== null && value !== "expiring-soon";
}

type Param = string | string[] | null | undefined;

function first(value: Param): string | undefined {
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/** Reads the list's state from URL parameters (Next's searchParams or URLSearchParams.get). */
export function parseTokenListQuery(params: Record<string, Param> | URLSearchParams): TokenListQuery {
  const get = (name: string) => first(params instanceof URLSearchParams ? params.get(name) : params[name]);
  const q = (get("q") ?? "").trim();
  const status = get("status");
  const page = get("page");
  const sort = get("sort");
  return {
    q: q.length <= MAX_SEARCH_LENGTH ? q : DEFAULT_TOKEN_LIST_QUERY.q,
    status: isTokenListFilter(status) ? status : DEFAULT_TOKEN_LIST_QUERY.status,
    page: page !== undefined && /^[1-9]\d{0,6}$/.test(page) && Number(page) <= MAX_PAGE ? Number(page) : DEFAULT_TOKEN_LIST_QUERY.page,
    sort: isTokenListSort(sort) ? sort : DEFAULT_TOKEN_LIST_QUERY.sort,
  };
}

/** The query string for a state, defaults left out so the plain list stays at a plain URL ("" or "?status=expired"). */
export function tokenListSearch(query: TokenListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.sort !== DEFAULT_TOKEN_LIST_QUERY.sort) params.set("sort", query.sort);
  if (query.page !== DEFAULT_TOKEN_LIST_QUERY.page) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function isDefaultTokenListQuery(query: TokenListQuery): boolean {
  return tokenListSearch(query) === "";
}
