import { refusal } from "@/lib/auth/action";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const english = translatorFor("en");
const inEnglish = (text: string) => translateMessage(english, text);

type Refusal = { status: number; message: string; fieldErrors?: Record<string, string[]> };

function asRefusal(err: unknown): Refusal {
  const r = refusal(err);
  if (!r) throw err;
  // lib/data speaks in message keys: the test reads them as an English-speaking user would.
  const fieldErrors = r.fieldErrors && Object.fromEntries(Object.entries(r.fieldErrors).map(([k, list]) => [k, list.map(inEnglish)]));
  return { status: r.status, message: inEnglish(r.error), fieldErrors };
}

const NOT_REFUSED = "expected a refusal (a DomainError or ActionError)";

/**
 * Runs fn and returns what its refusal becomes through the action wrapper (status, message,
 * field errors); fails the test when it doesn't refuse. An async fn gives a promise of it.
 */
export function expectRefusal(fn: () => Promise<unknown>): Promise<Refusal>;
export function expectRefusal(fn: () => unknown): Refusal;
export function expectRefusal(fn: () => unknown): Refusal | Promise<Refusal> {
  let result: unknown;
  try {
    result = fn();
  } catch (err) {
    return asRefusal(err);
  }
  if (result instanceof Promise) {
    return result.then(
      () => {
        throw new Error(NOT_REFUSED);
      },
      (err) => asRefusal(err),
    );
  }
  throw new Error(NOT_REFUSED);
}
