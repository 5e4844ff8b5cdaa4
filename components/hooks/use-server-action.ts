"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { QueryKey } from "@tanstack/react-query";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { applyFieldErrors } from "@/components/form-errors";
import { useMessageText } from "./use-message-text";
import { callServerAction, type CallResult, type ServerActionResult } from "./call-server-action";
import { markQueriesStale } from "./stale-queries";

export interface ServerActionOptions<TInput, TData, TForm extends FieldValues> {
  /** The form whose fields receive the server's `fieldErrors` (the first one gets focus). */
  form?: Pick<UseFormReturn<TForm>, "setError" | "setFocus">;
  /** A prefix the action puts before field names (`values.` when the form travels under `values`). */
  fieldPrefix?: string;
  /** Queries that show what the action changes, refetched after it (e.g. `["tokens"]`). */
  invalidate?: QueryKey[];
  /**
   * A refusal's message is always in `error` for a FormError beside the control; "toast" also
   * shows it in a toast, for a control that goes away after a refusal (a confirmation dialog).
   * A request that got no answer, or a server failure, is always toasted as well.
   */
  refusal?: "inline" | "toast";
  /** Runs after success, before the invalidation and the refresh of the server-rendered page. */
  onSuccess?: (data: TData, input: TInput) => void;
}

export interface ServerAction<TInput, TData> {
  /** Calls the action; the result says whether it succeeded, was refused or never got an answer. */
  run: (input: TInput) => Promise<CallResult<TData>>;
  pending: boolean;
  /** The last failure's message, for a FormError beside the control. */
  error: string | null;
  clearError: () => void;
  /** The last success's data, until `reset`. */
  data: TData | undefined;
  reset: () => void;
}

/**
 * The one way the browser calls a server action (ARCHITECTURE rule 14). It owns the pending
 * state; puts a refusal's field errors on the form; says "couldn't reach Keyward" in a toast
 * when the request itself fails (the control is usable again at once); and after a change
 * refetches the listed queries and refreshes the server-rendered page. A refusal that means
 * the page is out of date (not found, conflict) refreshes too, so the page shows what is true.
 */
export function useServerAction<TInput, TData, TForm extends FieldValues = FieldValues>(
  action: (input: TInput) => Promise<ServerActionResult<TData>>,
  options: ServerActionOptions<TInput, TData, TForm> = {},
): ServerAction<TInput, TData> {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const text = useMessageText();
  // The latest call's state: an earlier call that answers late changes neither `pending` nor `data`.
  const [latest, setLatest] = useState<{ pending: boolean; data?: TData }>({ pending: false });
  const calls = useRef(0);

  function refreshViews() {
    markQueriesStale(options.invalidate ?? []);
    router.refresh();
  }

  async function run(input: TInput): Promise<CallResult<TData>> {
    setError(null);
    const call = ++calls.current;
    setLatest({ pending: true });
    const result = await callServerAction(action, input);
    if (call === calls.current) setLatest({ pending: false, data: result.ok ? result.data : undefined });
    if (result.ok) {
      // onSuccess first: when it navigates (after a deletion), the refresh is of the new page.
      options.onSuccess?.(result.data, input);
      refreshViews();
      return result;
    }
    // The inline message is also what a screen reader hears inside a modal dialog, where the
    // toast region is hidden from it; the toast is what a sighted user notices anywhere.
    if ("unreachable" in result || result.status === 500 || options.refusal === "toast") toast.error(text(result.error));
    const placed = options.form ? applyFieldErrors(options.form, result.fieldErrors, options.fieldPrefix) : [];
    // Each message once: a refusal about one field is shown under that field, not again above the form.
    setError(placed.includes(result.error) ? null : result.error);
    if (result.status === 404 || result.status === 409) refreshViews();
    return result;
  }

  function reset() {
    calls.current++;
    setLatest({ pending: false });
  }

  return { run, pending: latest.pending, error, clearError: () => setError(null), data: latest.data, reset };
}
