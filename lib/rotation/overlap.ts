import { and, inArray, lte } from "drizzle-orm";
import type { KeywardDb } from "@/lib/db/database";
import { tokenPreviousCredentials } from "@/lib/db/schema";

// No "server-only": the scheduler started by server.ts runs this.

const BATCH = 200;

/**
 * Erases the previous credentials whose overlap has ended (the scheduler's pass). Verifiers
 * already refuse them from the overlap's end on, whether or not this has run; this removes the
 * secret itself. In batches, each its own short transaction. Returns how many were erased.
 */
export async function eraseEndedOverlaps(db: KeywardDb, now: number): Promise<number> {
  let erased = 0;
  for (;;) {
    const due = (
      await db.q
        .select({ tokenId: tokenPreviousCredentials.tokenId })
        .from(tokenPreviousCredentials)
        .where(lte(tokenPreviousCredentials.worksUntil, new Date(now)))
        .limit(BATCH)
    ).map((r) => r.tokenId);
    if (due.length === 0) return erased;
    erased += await db.transaction(
      async (tx) =>
        (
          await tx.q
            .delete(tokenPreviousCredentials)
            // Re-checked in the delete: a rotation since the read may have put a new, live one there.
            .where(and(inArray(tokenPreviousCredentials.tokenId, due), lte(tokenPreviousCredentials.worksUntil, new Date(now))))
            .returning({ tokenId: tokenPreviousCredentials.tokenId })
        ).length,
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
