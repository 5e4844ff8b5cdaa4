import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/** Puts the server's per-field messages back onto the form's fields. */
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors?: Record<string, string[]>) {
  if (!fieldErrors) return;
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (name === "_form") continue;
    setError(name as Path<T>, { type: "server", message: messages[0] });
  }
}
