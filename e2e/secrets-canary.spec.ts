import fs from "node:fs";
import path from "node:path";
import { ADMIN_STATE, expect, test, TMP, unique } from "./fixtures";

/** Files under dir written since `since` (ms): what the running server may have cached. */
function filesWrittenSince(dir: string, since: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.statSync(file).mtimeMs >= since) out.push(file);
  }
  return out;
}
import { createWithDefaults, MAIN_DB, openTestDb, recordedSecrets, recordSecret } from "./helpers/token-fixtures";

// The "canary" project (playwright.config.ts) runs this after every console test has finished:
// every secret the suite created must be absent from the server logs, the events, the outbox,
// the raw database files and the server's build folder.
test.use({ storageState: ADMIN_STATE });

test("no created secret appears in server logs, events, outbox, the database files or the build folder", async ({ page }) => {
  // A canary of its own, so the check never passes vacuously.
  await createWithDefaults(page, unique("Canary"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  await dialog.getByRole("button", { name: "Download token" }).click();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page).toHaveURL(/\/api-management$/);

  const logs = ["main.log", "throttle.log"].map((f) => path.join(TMP, f)).filter((f) => fs.existsSync(f));
  expect(logs.length).toBeGreaterThan(0);
  // The servers' log streams have flushed once the files stop growing between two reads.
  const logSize = () => logs.reduce((n, f) => n + fs.statSync(f).size, 0);
  let lastSize = -1;
  await expect
    .poll(
      () => {
        const [before, now] = [lastSize, logSize()];
        lastSize = now;
        return now === before;
      },
      { intervals: [250] },
    )
    .toBe(true);

  const secrets = recordedSecrets();
  expect(secrets.length).toBeGreaterThan(0);

  const logText = logs.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  expect(logText).toContain("Keyward ready");

  const db = openTestDb();
  let tables: string;
  try {
    const events = db.prepare("select coalesce(details, '') || ' ' || coalesce(target_label, '') as t from events").all() as { t: string }[];
    const outbox = db.prepare("select subject || ' ' || body || ' ' || coalesce(last_error, '') as t from outbox").all() as { t: string }[];
    tables = [...events, ...outbox].map((r) => r.t).join("\n");
    db.pragma("wal_checkpoint(PASSIVE)");
  } finally {
    db.close();
  }
  const raw = [MAIN_DB, `${MAIN_DB}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString("latin1"))
    .join("\n");
  expect(raw.length).toBeGreaterThan(0);

  // Anything the server wrote into its build folder during the run (caches, prerenders).
  const distDir = path.resolve(process.env.NEXT_DIST_DIR ?? ".next-e2e");
  const cached = filesWrittenSince(distDir, fs.statSync(ADMIN_STATE).mtimeMs - 60_000)
    .map((f) => fs.readFileSync(f).toString("latin1"))
    .join("\n");

  const leaks: string[] = [];
  for (const s of secrets) {
    if (logText.includes(s)) leaks.push(`log: ${s.slice(0, 9)}…`);
    if (tables.includes(s)) leaks.push(`events/outbox: ${s.slice(0, 9)}…`);
    if (raw.includes(s)) leaks.push(`database file: ${s.slice(0, 9)}…`);
    if (cached.includes(s)) leaks.push(`${path.basename(distDir)}: ${s.slice(0, 9)}…`);
  }
  expect(leaks).toEqual([]);
});
