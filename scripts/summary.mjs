// The last line CI reads: "N passed, N failed". Problems that are not a failed test (a file that
// did not load, a missing report…) are listed above it.
// Usage: node scripts/summary.mjs [--vitest FILE --vitest-exit CODE] [--playwright FILE --playwright-exit CODE] [--checks-failed N]
import { parseArgs } from "node:util";
import { countPlaywright, countVitest, formatLine, summarise } from "./summary-lib.mjs";

const { values } = parseArgs({
  options: {
    vitest: { type: "string" },
    "vitest-exit": { type: "string" },
    playwright: { type: "string" },
    "playwright-exit": { type: "string" },
    "checks-failed": { type: "string", default: "0" },
  },
});
const exit = (v) => (v === undefined ? undefined : Number(v));
const runs = [];
if (values.vitest) runs.push({ name: "Vitest", file: values.vitest, count: countVitest, exitCode: exit(values["vitest-exit"]) });
if (values.playwright) runs.push({ name: "Playwright", file: values.playwright, count: countPlaywright, exitCode: exit(values["playwright-exit"]) });

const total = summarise(runs, Number(values["checks-failed"]));
for (const p of total.problems) console.log(p);
console.log(formatLine(total));
process.exit(total.failed > 0 ? 1 : 0);
