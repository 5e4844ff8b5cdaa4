import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { tokenExchanges } from "@/lib/db/schema";

export interface TokenExchangesDto {
  count: number;
  lastAt: string | null;
}

/**
 * A token's OAuth exchanges as recorded so far (written at most once a minute per token, like
 * "last used"). The caller has already checked that the actor may see the token.
 */
export function getTokenExchanges(tokenId: string, db: Db = getDb()): TokenExchangesDto {
  const row = db.select().from(tokenExchanges).where(eq(tokenExchanges.tokenId, tokenId)).get();
  return { count: row?.count ?? 0, lastAt: row?.lastExchangeAt ? row.lastExchangeAt.toISOString() : null };
}
