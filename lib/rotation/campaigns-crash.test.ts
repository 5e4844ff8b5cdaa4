import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import type { Actor } from "@/lib/domain/actor";
import { clock } from "@/lib/domain/clock";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { freshDatabase, insertToken, insertUser } from "@/test/api-fixture";
import { buildTestChild } from "@/test/build-child";
import { kickCampaignPass, runCampaignPass, startCampaign } from "./campaigns";

// Issue 13: kill -9 the process applying a deadline to 2,000 pending tokens, again and again,
// then let a restarted pass finish: every token is acted on exactly once, with one event and one
// notice each.
const TOKENS = 2_000;
const OWNERS = 20;
const MAX_KILLS = 8;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const ROOT = path.resolve(import.meta.dirname, "../..");
let CHILD: string;

let db: Db;
let file: string;

beforeAll(async () => {
  CHILD = await buildTestChild("test/campaign-deadline-child.ts");
  ({ db, file } = freshDatabase());
});

afterAll(() => db.$client.close());

const acted = (campaignId: number) => db.$client.prepare(`SELECT count(*) FROM rotation_campaign_tokens WHERE campaign_id = ? AND state <> 'pending'`).pluck().get(campaignId) as number;

/** Runs the child until it has committed at least one more batch, then kills it a random moment later; resolves with whether it finished first. */
function runAndKill(campaignId: number, at: number): Promise<"finished" | "killed"> {
  return new Promise((resolve, reject) => {
    const before = acted(campaignId);
    const child = spawn(process.execPath, [CHILD, file, String(at)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const watch = setInterval(() => {
      if (acted(campaignId) > before) {
        clearInterval(watch);
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 40));
      }
    }, 2);
    child.on("exit", (code, signal) => {
      clearInterval(watch);
      if (signal === "SIGKILL") resolve("killed");
      else if (code === 0) resolve("finished");
      else reject(new Error(`child exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

describe("applying a deadline, killed mid-way", () => {
  it(`acts on each of ${TOKENS} tokens exactly once, with one event and one notice each`, { timeout: 300_000 }, async () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    const adminRole = db.$client.prepare(`SELECT id FROM roles WHERE built_in = 1`).pluck().get() as number;
    const adminId = insertUser(db, adminRole);
    const admin: Actor = { id: adminId, name: "Admin", email: `${adminId}@example.com`, roleId: adminRole, roleName: null, isSystemAdmin: true, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: null, language: null };
    const owners = Array.from({ length: OWNERS }, () => insertUser(db, adminRole));
    const insertAll = db.$client.transaction(() => {
      for (let i = 0; i < TOKENS; i++) insertToken(db, { creatorId: owners[i % OWNERS], permissions: ALL_PERMISSIONS, ...(i % 50 === 0 ? { type: "public_key" as const } : {}) });
    });
    insertAll();
    const deadlineOn = new Date(NOW + 10 * 86_400_000).toISOString().slice(0, 10);
    const { campaignId, enrolled } = await startCampaign({
      actor: admin,
      input: { name: "Crash drill", reason: "Proving the deadline is applied once.", scope: { kind: "users", userIds: owners }, deadlineOn, action: "rotate" },
      now: NOW,
      db: onSqlite(db),
    });
    await kickCampaignPass(onSqlite(db));
    expect(enrolled.tokens).toBe(TOKENS);
    const at = Date.parse(`${deadlineOn}T23:59:59Z`) + 1000;

    let kills = 0;
    for (let i = 0; i < MAX_KILLS; i++) {
      if ((await runAndKill(campaignId, at)) === "finished") break;
      kills++;
    }
    const actedBeforeRestart = acted(campaignId);
    // At least one kill landed between batches of the same deadline, or the test proves nothing.
    expect(kills).toBeGreaterThan(0);
    expect(actedBeforeRestart).toBeGreaterThan(0);
    await runCampaignPass(onSqlite(db), at + 1000);

    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(acted(campaignId)).toBe(TOKENS);
    const perToken = db.$client
      .prepare(
        `SELECT r.token_id AS id, r.state,
           (SELECT count(*) FROM events e WHERE e.target_id = r.token_id AND e.actor_type = 'campaign' AND e.action IN ('token.rotated', 'token.revoked')) AS events,
           (SELECT count(*) FROM outbox o WHERE o.token_id = r.token_id AND o.kind IN ('campaignRotated', 'campaignRevoked')) AS notices
         FROM rotation_campaign_tokens r WHERE r.campaign_id = ?`,
      )
      .all(campaignId) as { id: string; state: string; events: number; notices: number }[];
    expect(perToken.filter((t) => t.events !== 1 || t.notices !== 1)).toEqual([]);
    expect(perToken.filter((t) => t.state === "revoked")).toHaveLength(TOKENS / 50);
    expect(perToken.filter((t) => t.state === "rotated_auto")).toHaveLength(TOKENS - TOKENS / 50);
    // Each generated token rotated once: version 2, never 3.
    expect(db.$client.prepare(`SELECT DISTINCT credential_version FROM api_tokens WHERE type = 'generated'`).pluck().all()).toEqual([2]);
    expect(db.$client.prepare(`SELECT count(*) FROM events WHERE action = 'campaign.completed' AND target_id = ?`).pluck().get(String(campaignId))).toBe(1);
    console.info(`campaign deadline: ${kills} kill -9s, ${actedBeforeRestart} of ${TOKENS} acted before the final pass`);
  });
});
