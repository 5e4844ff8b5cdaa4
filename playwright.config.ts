import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { scratchDir } from "./scripts/e2e-scratch.mjs";

// Every run gets fresh database files in the scratch folder (E2E_TMP or e2e/.tmp), which
// scripts/e2e.mjs empties first.
const tmp = scratchDir();
export const MAIN_PORT = Number(process.env.E2E_PORT ?? 3210);
export const THROTTLE_PORT = MAIN_PORT + 1;
// A third server whose mail goes to an SMTP server the notifications spec starts on MAIL_SMTP_PORT.
export const MAIL_PORT = MAIN_PORT + 2;
export const MAIL_SMTP_PORT = MAIN_PORT + 3;
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";

function server(port: number, name: string, extra: Record<string, string>) {
  return {
    // The compiled server, as `npm start` runs it (scripts/e2e.mjs builds it).
    command: `node --enable-source-maps dist/server.js`,
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXT_DIST_DIR: distDir,
      DATABASE_FILE: path.join(tmp, `${name}.db`),
      KEYWARD_LOG_FILE: path.join(tmp, `${name}.log`),
      ...extra,
    },
  };
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: path.join(tmp, "test-results"),
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: path.join(tmp, "playwright-results.json") }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${MAIN_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    // "canary" is setup's teardown: it runs after every project that depends on setup has
    // finished, passed or failed, and a run of a few spec files doesn't pull in the rest.
    { name: "setup", testMatch: /setup\.spec\.ts/, teardown: "canary", use: { ...devices["Desktop Chrome"] } },
    { name: "console", testIgnore: [/setup\.spec\.ts/, /secrets-canary\.spec\.ts/], dependencies: ["setup"], use: { ...devices["Desktop Chrome"] } },
    // Every secret the console tests created must be absent from logs, events, database files and the build folder.
    { name: "canary", testMatch: /secrets-canary\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: [
    // The main server: sign-in throttling relaxed so parallel tests don't trip it.
    server(MAIN_PORT, "main", { KEYWARD_SIGNIN_MAX_FAILURES_PER_ACCOUNT: "1000", KEYWARD_SIGNIN_MAX_FAILURES_PER_IP: "1000", KEYWARD_SCHEDULER_INTERVAL_MS: "1000" }),
    // A second server on its own database, with production throttling, for the brute-force test.
    server(THROTTLE_PORT, "throttle", {}),
    // Sends real email (e2e/notifications.spec.ts); fast scheduler and retries so a late SMTP server is fine.
    server(MAIL_PORT, "mail", {
      KEYWARD_SIGNIN_MAX_FAILURES_PER_ACCOUNT: "1000", KEYWARD_SIGNIN_MAX_FAILURES_PER_IP: "1000",
      KEYWARD_SCHEDULER_INTERVAL_MS: "1000",
      KEYWARD_MAIL_RETRY_BASE_MS: "500",
      SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
    }),
  ],
});
