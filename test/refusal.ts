import { ActionError } from "@/lib/auth/action";

/** Runs fn and returns the ActionError it throws; fails the test when it doesn't refuse. */
export function expectRefusal(fn: () => unknown): ActionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ActionError) return err;
    throw err;
  }
  throw new Error("expected a refusal (ActionError)");
}
