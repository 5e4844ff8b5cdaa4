// For child processes of unit tests and for `npm run seed:large` (`node --import tsx --import ./test/child-hooks.mjs …`):
// production modules marked "server-only" load in plain Node, as vitest.config.ts allows.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
