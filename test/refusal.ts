import { refusal } from "@/lib/auth/action";

/**
 * Runs fn and returns what its refusal becomes through the action wrapper (status, message,
 * field errors); fails the test when it doesn't refuse.
 */
export function expectRefusal(fn: () => unknown): { status: number; message: string; fieldErrors?: Record<string, string[]> } {
  try {
    fn();
  } catch (err) {
    const r = refusal(err);
    if (r) return { status: r.status, message: r.error, fieldErrors: r.fieldErrors };
    throw err;
  }
  throw new Error("expected a refusal (a DomainError or ActionError)");
}
