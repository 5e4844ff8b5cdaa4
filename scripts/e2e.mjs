// `npm run test:e2e`: a production build in its own folder, fresh databases, then Playwright.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run("bash", ["scripts/ensure-browser.sh"]);
// E2E_TMP and E2E_PORT let several suites run side by side on one machine.
const tmp = path.resolve(process.env.E2E_TMP ?? path.join(root, "e2e/.tmp"));
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
if (!process.argv.includes("--no-build")) run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args], { cwd: root, stdio: "inherit", env });
process.exit(r.status ?? 1);
