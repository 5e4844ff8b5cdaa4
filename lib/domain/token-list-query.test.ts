import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_LIST_QUERY, parseTokenListQuery, tokenListSearch } from "./token-list-query";

describe("the token list's URL state", () => {
  it("reads search, filter, sort and page from the URL", () => {
    expect(parseTokenListQuery(new URLSearchParams("q=%20bulk%2007%20&status=expiring-soon&sort=expiry-desc&page=3"))).toEqual({
      q: "bulk 07",
      status: "expiring-soon",
      sort: "expiry-desc",
      page: 3,
    });
    expect(parseTokenListQuery({ status: ["revoked", "expired"], page: "2" })).toEqual({ ...DEFAULT_TOKEN_LIST_QUERY, status: "revoked", page: 2 });
  });

  it("falls back to the default for each value it doesn't know, without an error", () => {
    const junk = new URLSearchParams({ q: "x".repeat(201), status: "deleted", sort: "title", page: "0" });
    expect(parseTokenListQuery(junk)).toEqual(DEFAULT_TOKEN_LIST_QUERY);
    for (const page of ["-1", "1.5", "abc", "01", "99999999", ""]) {
      expect(parseTokenListQuery(new URLSearchParams({ page })).page, page).toBe(1);
    }
    expect(parseTokenListQuery({})).toEqual(DEFAULT_TOKEN_LIST_QUERY);
  });

  it("writes only what differs from the default, and reads back what it wrote", () => {
    expect(tokenListSearch(DEFAULT_TOKEN_LIST_QUERY)).toBe("");
    const state = { q: "a&b c", status: "active", sort: "expiry-asc", page: 2 } as const;
    const text = tokenListSearch(state);
    expect(text).toBe("?q=a%26b+c&status=active&sort=expiry-asc&page=2");
    expect(parseTokenListQuery(new URLSearchParams(text.slice(1)))).toEqual(state);
  });
});
