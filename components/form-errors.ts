import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

/**
 * Puts the server's per-field messages back onto the form's fields and moves focus to the first
 * invalid control on the page, scrolled into view, so a keyboard or screen-reader user (and an
 * eye on the bottom of a long form) lands on what to fix. `prefix` is removed from the names
 * first (an action that takes `{ tokenId, values }` reports `values.expiresOn`). Returns the
 * messages placed, so the caller doesn't repeat them elsewhere.
 */
export function applyFieldErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "setError" | "setFocus">,
  fieldErrors?: Record<string, string[]>,
  prefix = "",
): string[] {
  const entries = Object.entries(fieldErrors ?? {}).filter(([name]) => name !== "_form");
  const fields = entries.map(([name, messages]) => ({ name: (name.startsWith(prefix) ? name.slice(prefix.length) : name) as Path<T>, message: messages[0] }));
  for (const { name, message } of fields) form.setError(name, { type: "server", message });
  if (fields.length > 0) {
    form.setFocus(fields[0].name);
    // The server's order need not be the page's, and a field drawn by a Controller has no ref
    // for setFocus: once React has marked the fields, the first marked one in the page wins.
    setTimeout(focusFirstInvalid, 0);
  }
  return fields.map((f) => f.message);
}

function focusFirstInvalid() {
  if (typeof document === "undefined") return;
  const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  if (document.activeElement !== first) first.focus({ preventScroll: true });
  first.scrollIntoView({ block: "center" });
}

/** The first message under a field, including per-entry messages of an array (allowedIps.3). */
export function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string" && error.message) return error.message;
  for (const value of Object.values(error)) {
    if (value && typeof value === "object" && "message" in value && typeof value.message === "string") return value.message;
  }
  return undefined;
}
