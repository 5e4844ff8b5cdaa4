// `npm run test:e2e`: a production build in its own folder, fresh databases, then Playwright.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prepareScratchDir, scratchDir } from "./e2e-scratch.mjs";

const root = path.resolve(import.meta.dirname, "..");
// E2E_TMP and E2E_PORT let several suites run side by side on one machine; E2E_TMP goes on as an
// absolute path so Playwright (run from the project folder) sees the same folder.
const tmp = scratchDir();
const env = { ...process.env, E2E_TMP: tmp, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run("bash", ["scripts/ensure-browser.sh"]);
try {
  prepareScratchDir(tmp);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
// --no-build reuses the last console build; the server bundle is always redone (under a second).
run(process.execPath, process.argv.includes("--no-build") ? ["scripts/build.mjs", "--server"] : ["scripts/build.mjs"]);
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args], { cwd: root, stdio: "inherit", env });
process.exit(r.status ?? 1);
