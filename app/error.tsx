"use client";

import { ErrorPanel } from "@/components/error-panel";

// The fallback for pages outside the console shell (Set up, sign-in).
export default function RootError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg items-center px-4">
      <ErrorPanel reset={reset} />
    </main>
  );
}
