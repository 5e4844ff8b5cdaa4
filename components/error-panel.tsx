"use client";

import { Button } from "@/components/ui/button";

/** What a page shows when it fails to load; the details stay in the server log. */
export function ErrorPanel({ reset }: { reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold">This page couldn’t be loaded</h1>
      <p className="mt-1 text-sm">Something went wrong on the server. Nothing was changed. Try again in a moment.</p>
      <Button variant="secondary" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
