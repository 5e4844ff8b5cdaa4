import type { z } from "zod";

/**
 * The refusals lib/data throws. They name what went wrong in the domain's terms; the action
 * wrapper (lib/auth/action.ts) alone decides what each becomes in a response, so the data
 * layer never depends on the layer above it.
 */

export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or the actor may not see it (the same answer for both). */
export class NotFoundError extends DomainError {}

/** The request clashes with the current state: a duplicate, a last administrator, a read-only token. */
export class ConflictError extends DomainError {}

/** The actor is not allowed to make this change. */
export class ForbiddenError extends DomainError {}

/** The input is not acceptable; fieldErrors says which field and why. */
export class ValidationError extends DomainError {}

/** zod issues keyed by field path ("_form" for the object itself), as forms display them. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
