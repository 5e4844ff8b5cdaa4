import "server-only";
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { asTranslator, msg, translateMessage } from "@/lib/domain/message";
import { hasPermission, type Actor } from "@/lib/domain/actor";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, zodFieldErrors, type FieldErrors } from "@/lib/domain/errors";
import type { Permission } from "@/lib/domain/permissions";
import { getActor } from "./actor";

export { zodFieldErrors, type FieldErrors };

type RefusalStatus = 400 | 401 | 403 | 404 | 409;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; status: RefusalStatus | 500; fieldErrors?: FieldErrors };

/** Thrown inside an action for an expected refusal; becomes { ok: false } with its message. */
export class ActionError extends Error {
  constructor(
    message: string,
    public status: RefusalStatus = 400,
    public fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

function domainStatus(err: DomainError): RefusalStatus {
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  if (err instanceof ForbiddenError) return 403;
  return 400;
}

/** The response an expected refusal (from the action or from lib/data) becomes; null for anything else. */
export function refusal(err: unknown): Extract<ActionResult<never>, { ok: false }> | null {
  if (err instanceof ActionError) return { ok: false, status: err.status, error: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof DomainError) return { ok: false, status: domainStatus(err), error: err.message, fieldErrors: err.fieldErrors };
  return null;
}

/** A refusal in the viewer's language: lib/domain and lib/data speak in message keys. */
export async function localized<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const t = asTranslator(await getTranslations());
  const translate = (text: string) => translateMessage(t, text);
  const fieldErrors = result.fieldErrors
    ? Object.fromEntries(Object.entries(result.fieldErrors).map(([field, list]) => [field, list.map(translate)]))
    : undefined;
  return { ...result, error: translate(result.error), fieldErrors };
}

/** The refusal for input that failed its schema. */
export function invalidInput(error: z.ZodError): Extract<ActionResult<never>, { ok: false }> {
  return { ok: false, status: 400, error: msg("errors.fieldsNeedAttention"), fieldErrors: zodFieldErrors(error) };
}

/**
 * The one wrapper every server action goes through: server actions are public POST endpoints,
 * so this authenticates, checks the named permission and parses the input before fn runs.
 */
export function guardedAction<S extends z.ZodType, T>(
  options: { permission: Permission | null; schema: S },
  fn: (input: z.output<S>, actor: Actor) => T | Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => localized(await run(input));

  async function run(input: z.input<S>): Promise<ActionResult<T>> {
    const actor = await getActor();
    if (!actor) return { ok: false, status: 401, error: msg("errors.sessionEnded") };
    if (options.permission && !hasPermission(actor, options.permission)) {
      return { ok: false, status: 403, error: msg("errors.noPermission") };
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      return { ok: true, data: await fn(parsed.data, actor) };
    } catch (err) {
      const refused = refusal(err);
      if (refused) return refused;
      // Unexpected failures are logged without the input (it may hold secrets) and hidden.
      console.error("server action failed:", err instanceof Error ? err.name + ": " + err.message : "unknown error");
      return { ok: false, status: 500, error: msg("errors.serverFailed") };
    }
  }
}
