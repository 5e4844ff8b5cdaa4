// `npm run bench:campaigns [-- --tokens N]`: a rotation campaign at size (issue 13). Makes a
// temporary database seeded as `npm run seed:large` does (100,000 tokens by default), then, in this
// process: starts a campaign over every live token and applies its deadline (Rotate automatically),
// printing the time of each, how many tokens and notices, and the longest event-loop delay
// meanwhile — the longest any request to this process would have waited (goal: start ≤ 5 s,
// deadline ≤ 60 s, no wait over 200 ms). The baseline, measured the same way in the same run: an
// idle stretch, and a scheduler pass with nothing due.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { getDb, writeTransaction } from "../lib/db/client";
import { onSqlite } from "../lib/db/database";
import { TokenStateCache } from "../lib/api/token-state";
import { seed } from "../lib/db/seed";
import { createFirstAdministrator } from "../lib/data/users";
import type { Actor } from "../lib/domain/actor";
import { clock } from "../lib/domain/clock";
import { ALL_PERMISSIONS } from "../lib/domain/permissions";
import { runSchedulerOnce } from "../lib/notify/scheduler";
import { kickCampaignPass, runCampaignPass, startCampaign } from "../lib/rotation/campaigns";
import { planFor, seedLarge } from "./large-data";

const { values } = parseArgs({ options: { tokens: { type: "string" }, quick: { type: "boolean", default: false } } });
const TOKENS = Number(values.tokens ?? (values.quick ? 5_000 : 100_000));
if (!Number.isInteger(TOKENS) || TOKENS <= 0) {
  console.error("Usage: npm run bench:campaigns -- [--quick] [--tokens N]");
  process.exit(1);
}

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-bench-campaigns-"));
process.on("exit", () => fs.rmSync(tmpDir, { recursive: true, force: true }));

/** Runs fn while a 1 ms event-loop delay histogram records; returns its result, its time and the longest delay. */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; maxDelayMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  // The histogram sees a block when its timer fires late, after the block: let it fire once more.
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return { result, seconds, maxDelayMs: h.max / 1e6 };
}

async function main() {
  process.env.DATABASE_FILE = path.join(tmpDir, "keyward.db");
  process.env.KEYWARD_SECRET_KEY ??= crypto.randomBytes(32).toString("base64");
  delete process.env.SMTP_URL;
  const db = getDb();
  const kdb = onSqlite(db);
  await seed(kdb);
  const admin = await createFirstAdministrator({ name: "Bench Administrator", email: "bench-admin@example.com", password: crypto.randomBytes(18).toString("base64url") }, null);
  const plan = planFor(TOKENS, TOKENS);
  console.log(`Seeding ${plan.tokens.toLocaleString("en")} tokens…`);
  const seeded = await seedLarge(db, plan);
  console.log(`Seeded in ${seeded.seconds.toFixed(1)} s: ${Object.entries(seeded.byStatus).map(([s, n]) => `${n.toLocaleString("en")} ${s}`).join(", ")}`);

  const actor: Actor = { id: admin, name: "Bench Administrator", email: "bench-admin@example.com", roleId: null, roleName: null, isSystemAdmin: true, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: null, language: null };
  const now = clock.now();

  const idle = await timed(() => new Promise((r) => setTimeout(r, 1000)));
  // What the API of this process pays for its in-memory token state: a token's first call (read
  // by its key), and the refresh after a committed write (forgets only the tokens it changed).
  const state = new TokenStateCache(db);
  const someToken = db.$client.prepare(`SELECT id FROM api_tokens WHERE revoked_at IS NULL LIMIT 1`).pluck().get() as string;
  state.get("none");
  let t1 = performance.now();
  state.get(someToken);
  const loadMs = performance.now() - t1;
  writeTransaction((tx) => tx.$client.prepare(`UPDATE api_tokens SET title = title || ' ' WHERE id = ?`).run(someToken), db);
  t1 = performance.now();
  state.get(someToken);
  const refreshMs = performance.now() - t1;
  state.stop();
  const quietPass = await timed(() => runSchedulerOnce(kdb, null, now));

  const deadlineOn = new Date(now + 30 * 86_400_000).toISOString().slice(0, 10);
  const start = await timed(() =>
    startCampaign({ actor, input: { name: "Bench renewal", reason: "Benchmark", scope: { kind: "all" }, deadlineOn, action: "rotate" }, now, db: kdb }),
  );
  // The announcements the start queued in the background, one per owner.
  const announce = await timed(() => kickCampaignPass(kdb));
  const deadlineAt = Date.parse(`${deadlineOn}T23:59:59Z`);
  const deadline = await timed(() => runCampaignPass(kdb, deadlineAt + 1000));
  const notices = db.$client.prepare(`SELECT count(*) FROM outbox WHERE kind LIKE 'campaign%'`).pluck().get() as number;

  const rows = [
    ["idle 1 s (baseline)", "1.00", "-", idle.maxDelayMs.toFixed(1)],
    ["scheduler pass, nothing due (baseline)", quietPass.seconds.toFixed(2), "-", quietPass.maxDelayMs.toFixed(1)],
    ["start campaign (snapshot)", start.seconds.toFixed(2), `${start.result.enrolled.tokens.toLocaleString("en")} tokens`, start.maxDelayMs.toFixed(1)],
    ["announcements", announce.seconds.toFixed(2), `${start.result.enrolled.owners} owners`, announce.maxDelayMs.toFixed(1)],
    ["deadline (rotate automatically)", deadline.seconds.toFixed(2), `${deadline.result.acted.toLocaleString("en")} tokens`, deadline.maxDelayMs.toFixed(1)],
  ];
  const widths = [40, 10, 16, 22];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" ");
  console.log(`\nRotation campaign over ${TOKENS.toLocaleString("en")} tokens (${notices.toLocaleString("en")} notices queued)`);
  console.log(line(["step", "seconds", "work", "max event-loop delay ms"]));
  for (const r of rows) console.log(line(r));
  console.log(`API token state: a token's first call ${loadMs.toFixed(2)} ms; refresh after a write to one token ${refreshMs.toFixed(2)} ms`);
  const worst = Math.max(start.maxDelayMs, announce.maxDelayMs, deadline.maxDelayMs);
  console.log(
    `\nGoals: start ${start.seconds.toFixed(2)} s (≤ 5: ${start.seconds <= 5 ? "met" : "missed"}), deadline ${deadline.seconds.toFixed(1)} s (≤ 60: ${deadline.seconds <= 60 ? "met" : "missed"}), longest wait ${worst.toFixed(1)} ms (≤ 200: ${worst <= 200 ? "met" : "missed"}; ${(worst / Math.max(1, quietPass.maxDelayMs)).toFixed(1)}× the quiet pass's)`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
