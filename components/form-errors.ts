import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/** Puts the server's per-field messages back onto the form's fields. */
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors?: Record<string, string[]>) {
  if (!fieldErrors) return;
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (name === "_form") continue;
    setError(name as Path<T>, { type: "server", message: messages[0] });
  }
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
