import { refusal } from "@/lib/auth/action";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const english = translatorFor("en");
const inEnglish = (text: string) => translateMessage(english, text);

/**
 * Runs fn and returns what its refusal becomes through the action wrapper (status, message,
 * field errors); fails the test when it doesn't refuse.
 */
export function expectRefusal(fn: () => unknown): { status: number; message: string; fieldErrors?: Record<string, string[]> } {
  try {
    fn();
  } catch (err) {
    const r = refusal(err);
    // lib/data speaks in message keys: the test reads them as an English-speaking user would.
    if (r) {
      const fieldErrors = r.fieldErrors && Object.fromEntries(Object.entries(r.fieldErrors).map(([k, list]) => [k, list.map(inEnglish)]));
      return { status: r.status, message: inEnglish(r.error), fieldErrors };
    }
    throw err;
  }
  throw new Error("expected a refusal (a DomainError or ActionError)");
}
