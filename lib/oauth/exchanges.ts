import "server-only";
import { eq } from "drizzle-orm";
import { getKeywardDb, type Queries } from "@/lib/db/database";
import { tokenExchanges } from "@/lib/db/schema";

export interface TokenExchangesDto {
  count: number;
  lastAt: string | null;
}

/**
 * A token's OAuth exchanges as recorded so far (written at most once a minute per token, like
 * "last used"). The caller has already checked that the actor may see the token.
 */
export async function getTokenExchanges(tokenId: string, db: Queries = getKeywardDb()): Promise<TokenExchangesDto> {
  const [row] = await db.q.select().from(tokenExchanges).where(eq(tokenExchanges.tokenId, tokenId)).limit(1);
  return { count: row?.count ?? 0, lastAt: row?.lastExchangeAt ? row.lastExchangeAt.toISOString() : null };
}
