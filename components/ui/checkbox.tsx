"use client";

import { Checkbox as C } from "radix-ui";
import { Check } from "lucide-react";

/** A radix checkbox; its accessible name comes from aria-label or a <label htmlFor>. */
export function Checkbox(props: React.ComponentProps<typeof C.Root>) {
  return (
    <C.Root
      {...props}
      className="flex size-5 items-center justify-center rounded border border-slate-400 bg-white data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600 disabled:opacity-50 dark:border-slate-500 dark:bg-slate-900"
    >
      <C.Indicator>
        <Check className="size-4 text-white" aria-hidden />
      </C.Indicator>
    </C.Root>
  );
}
