"use client";

import { Button } from "@/components/ui/button";

// The fallback for pages outside the console shell (Set up, sign-in); details stay in the server log.
export default function RootError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">This page couldn’t be loaded</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">Something went wrong on the server. Nothing was changed. Try again in a moment.</p>
      <Button variant="secondary" className="mt-6" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
