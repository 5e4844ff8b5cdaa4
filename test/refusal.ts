import { refusal } from "@/lib/auth/action";
import { translateMessage } from "@/lib/domain/message";
import { translatorFor } from "@/lib/i18n/translator";

const english = translatorFor("en");
const inEnglish = (text: string) => translateMessage(english, text);

type Refusal = { status: number; message: string; fieldErrors?: Record<string, string[]> };

function asRefusal(err: unknown): Refusal {
  const r = refusal(err);
  // lib/data speaks in message keys: the test reads them as an English-speaking user would.
  if (r) {
    const fieldErrors = r.fieldErrors && Object.fromEntries(Object.entries(r.fieldErrors).map(([k, list]) => [k, list.map(inEnglish)]));
    return { status: r.status, message: inEnglish(r.error), fieldErrors };
  }
  throw err;
}

const NO_REFUSAL = "expected a refusal (a DomainError or ActionError)";

/**
 * Runs fn and returns what its refusal becomes through the action wrapper (status, message,
 * field errors); fails the test when it doesn't refuse. An async fn (the data layer on
 * KeywardDb) gives a promise of it, for its rejection.
 */
export function expectRefusal(fn: () => PromiseLike<unknown>): Promise<Refusal>;
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
        throw new Error(NO_REFUSAL);
      },
      asRefusal,
    );
  }
  throw new Error(NO_REFUSAL);
}
