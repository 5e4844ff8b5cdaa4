/**
 * The one clock (rule 17). Code that needs "now" takes an injected `now` and defaults to
 * clock.now(); a test replaces the clock (vi.spyOn(clock, "now")) instead of sleeping.
 * Browser-safe.
 */
export const clock = {
  /** Milliseconds since the epoch, like Date.now(). */
  now: (): number => Date.now(),
};

/** The clock's current instant as a Date. */
export function nowDate(): Date {
  return new Date(clock.now());
}
