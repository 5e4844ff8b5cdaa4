import path from "node:path";
import { describe, expect, it } from "vitest";
import { countPlaywright, countVitest, formatLine, summarise, type Run } from "./summary-lib.mjs";

// Reports recorded from real runs of Vitest 4 and Playwright 1.65 on tiny projects.
const fixture = (name: string) => path.resolve(import.meta.dirname, "../test/fixtures/summary", name);
const vitest = (name: string, exitCode?: number): Run => ({ name: "Vitest", file: fixture(`vitest-${name}.json`), count: countVitest, exitCode });
const playwright = (name: string, exitCode?: number): Run => ({ name: "Playwright", file: fixture(`playwright-${name}.json`), count: countPlaywright, exitCode });
const line = (runs: Run[], checksFailed = 0) => formatLine(summarise(runs, checksFailed));

describe("CI summary line", () => {
  it("counts a clean run of each runner", () => {
    expect(line([vitest("clean", 0), playwright("clean", 0)])).toBe("2 passed, 0 failed");
  });

  it("counts failed tests", () => {
    expect(line([vitest("failing", 1)])).toBe("1 passed, 1 failed");
    expect(line([playwright("failing", 1)])).toBe("0 passed, 1 failed");
  });

  it("counts a unit test file that fails to import, beside a passing one", () => {
    const total = summarise([vitest("load-error", 1)]);
    expect(formatLine(total)).toBe("1 passed, 1 failed");
    expect(total.problems).toEqual(["Vitest: load.test.ts failed outside its tests: broken at import"]);
  });

  it("counts a spec that fails to load and a broken global setup", () => {
    expect(line([playwright("load-error", 1)])).toBe("0 passed, 1 failed");
    const total = summarise([playwright("setup-error", 1)]);
    expect(formatLine(total)).toBe("0 passed, 1 failed");
    expect(total.problems).toEqual(["Playwright: Error: global setup broke"]);
  });

  it("counts a run of zero tests as a failure", () => {
    expect(summarise([vitest("empty", 0)]).problems).toEqual(["Vitest: no tests ran"]);
    expect(line([vitest("empty", 0)])).toBe("0 passed, 1 failed");
    // Playwright reports "No tests found" as an error of its own: counted once.
    expect(line([playwright("empty", 1)])).toBe("0 passed, 1 failed");
  });

  it("counts a missing or unreadable report as a failure", () => {
    const missing = summarise([{ name: "Playwright", file: fixture("nothing-here.json"), count: countPlaywright }]);
    expect(formatLine(missing)).toBe("0 passed, 1 failed");
    expect(missing.problems[0]).toMatch(/^Playwright: no report at .*nothing-here\.json/);
    expect(line([vitest("truncated", 1), playwright("clean", 0)])).toBe("1 passed, 1 failed");
  });

  it("counts a runner that exited non-zero without reporting a failure", () => {
    expect(line([vitest("clean", 1)])).toBe("1 passed, 1 failed");
    expect(line([vitest("failing", 1)])).toBe("1 passed, 1 failed");
  });

  it("adds failed checks and shows skipped tests", () => {
    expect(line([vitest("clean", 0)], 2)).toBe("1 passed, 2 failed");
    expect(formatLine({ passed: 3, failed: 0, skipped: 2 })).toBe("3 passed, 0 failed, 2 skipped");
  });
});
