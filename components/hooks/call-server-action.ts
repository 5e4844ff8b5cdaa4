import { msg } from "@/lib/domain/message";

/** What every server action returns (lib/auth/action.ts), as the browser sees it. */
export type ServerActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; status?: number; fieldErrors?: Record<string, string[]> };

/** A call whose request never got an answer (offline, connection reset, server down). */
export type CallResult<T> = ServerActionResult<T> | { ok: false; error: string; unreachable: true; status?: undefined; fieldErrors?: undefined };

export const UNREACHABLE_MESSAGE = msg("errors.unreachable");

/**
 * Calls a server action and turns a rejected call into a refusal with a sentence a person can
 * act on; the browser's own text ("Failed to fetch") says nothing useful.
 */
export async function callServerAction<TInput, TData>(
  action: (input: TInput) => Promise<ServerActionResult<TData>>,
  input: TInput,
): Promise<CallResult<TData>> {
  try {
    return await action(input);
  } catch {
    return { ok: false, error: UNREACHABLE_MESSAGE, unreachable: true };
  }
}
