// Counts Vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed".
// Anything that is not a clean run counts as a failure: a test file that fails to load, a broken
// global setup, a report that is missing or unreadable, a run of zero tests, a runner that exited
// non-zero without reporting a failure.
import fs from "node:fs";

/** The report at file, or the reason there is none. */
export function readReport(file) {
  if (!fs.existsSync(file)) return { problem: `no report at ${file} (the runner did not finish)` };
  try {
    return { report: JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (err) {
    return { problem: `unreadable report ${file}: ${err.message}` };
  }
}

const firstLine = (s) => String(s ?? "").split("\n")[0];

export function countVitest(v) {
  const out = { passed: v.numPassedTests ?? 0, failed: v.numFailedTests ?? 0, skipped: (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0), problems: [] };
  // A file that failed outside any test (an import that throws, a failing beforeAll) has no
  // failed test to count, only a failed suite.
  for (const file of v.testResults ?? []) {
    if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed")) {
      out.failed += 1;
      out.problems.push(`Vitest: ${file.name} failed outside its tests: ${firstLine(file.message)}`);
    }
  }
  if (out.failed === 0 && ((v.numFailedTestSuites ?? 0) > 0 || v.success === false)) {
    out.failed += 1;
    out.problems.push(`Vitest: the run failed (${v.numFailedTestSuites ?? 0} failed suites) without a failed test`);
  }
  if ((v.numTotalTests ?? 0) === 0) {
    out.failed += 1;
    out.problems.push("Vitest: no tests ran");
  }
  return out;
}

export function countPlaywright(p) {
  const s = p.stats ?? {};
  const out = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0, problems: [] };
  // Errors outside any test: global setup or teardown, a spec that fails to load, "No tests found".
  for (const e of p.errors ?? []) {
    out.failed += 1;
    out.problems.push(`Playwright: ${firstLine(e.message)}`);
  }
  if (out.passed + out.failed + out.skipped === 0) {
    out.failed += 1;
    out.problems.push("Playwright: no tests ran");
  }
  return out;
}

/**
 * runs: [{ name, file, count, exitCode? }] where count is countVitest or countPlaywright.
 * checksFailed: type-check and lint failures, one each.
 */
export function summarise(runs, checksFailed = 0) {
  const total = { passed: 0, failed: checksFailed, skipped: 0, problems: [] };
  for (const run of runs) {
    const { report, problem } = readReport(run.file);
    const c = report ? run.count(report) : { passed: 0, failed: 1, skipped: 0, problems: [`${run.name}: ${problem}`] };
    if (c.failed === 0 && run.exitCode !== undefined && run.exitCode !== 0) {
      c.failed += 1;
      c.problems.push(`${run.name}: exited with code ${run.exitCode} but reported no failure`);
    }
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
    total.problems.push(...c.problems);
  }
  return total;
}

export function formatLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
