import type { Db } from "@/lib/db/client";

/** Starts the background notification job; returns a function that stops it. */
export function startScheduler(_db: Db): () => void {
  return () => {};
}
