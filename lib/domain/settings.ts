// Settings read at start-up: pure parsing, so every layer (and server.ts) may use it.
/**
 * A whole-number setting from the environment: `fallback` when unset or empty, the number when it
 * lies in [min, max], otherwise a startup error that names the variable, the range and the value.
 */
export function wholeNumberFromEnv(
  env: Record<string, string | undefined>,
  name: string,
  { fallback, min, max, unit }: { fallback: number; min: number; max: number; unit: string },
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number of ${unit} from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}
