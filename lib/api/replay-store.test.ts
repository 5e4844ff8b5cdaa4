import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "@/lib/api-client";
import { openDatabase, type Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { runSchedulerOnce } from "@/lib/notify/scheduler";
import { freshDatabase, insertRole, insertToken, insertUser, type TestToken } from "@/test/api-fixture";
import { pruneSeenRequests, ReplayStore } from "./replay";
import { ApiService } from "./service";

// Replay protection kept in the database (seen_requests): what the in-memory cache alone could
// not do — refuse a replay after a restart or in another process — and its per-token partition.

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const IP = "203.0.113.10";
const SKEW = 300_000;
const ROOT = path.resolve(import.meta.dirname, "../..");

let db: Db;
let file: string;
let creatorId: string;
let issued = NOW;

beforeAll(() => {
  ({ db, file } = freshDatabase());
  creatorId = insertUser(db, insertRole(db, ALL_PERMISSIONS));
});

const newToken = (type: "generated" | "public_key" = "generated") => insertToken(db, { creatorId, type, permissions: ALL_PERMISSIONS });

/** A distinct signed request (its own issuedAt) for the token. */
function sign(t: TestToken): string {
  const key = t.secret !== undefined ? { secret: t.secret } : { privateKeyPem: t.privateKey };
  return signRequest({ method: "GET", path: "/v3/configurations/device-groups/groups", tokenId: t.id, ...key, issuedAt: ++issued });
}

async function send(api: ApiService, jws: string, now = NOW) {
  const r = await api.handle(jws, IP, now);
  return { status: r.status, code: (JSON.parse(r.body) as { code?: string }).code ?? null, headers: r.headers };
}

/** The signed requests, sent in order to another Keyward process on the same database file. */
async function sendFromChild(requests: { jws: string; now: number }[]): Promise<{ status: number; code: string | null }[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--import", "./test/child-hooks.mjs", "test/replay-child.ts", JSON.stringify(requests)], { cwd: ROOT });
  return JSON.parse(stdout) as { status: number; code: string | null }[];
}

describe("replay protection across restarts and processes", () => {
  it("refuses a request replayed after a restart (a new service on a new connection to the same file)", async () => {
    for (const t of [newToken(), newToken("public_key")]) {
      const jws = sign(t);
      expect((await send(new ApiService(db, { skewMs: SKEW }), jws)).status).toBe(200);
      const restarted = openDatabase(file);
      try {
        expect(await send(new ApiService(restarted, { skewMs: SKEW }), jws, NOW + 1000)).toMatchObject({ status: 401, code: "REQUEST_REPLAYED" });
      } finally {
        restarted.$client.close();
      }
    }
  });

  it("refuses a request accepted by one process when it is replayed to another, both ways", async () => {
    const t = newToken();
    const here = sign(t);
    const there = sign(t);
    expect((await send(new ApiService(db, { skewMs: SKEW }), here)).status).toBe(200);
    const answers = await sendFromChild([
      { jws: here, now: NOW + 1000 },
      { jws: there, now: NOW + 1000 },
    ]);
    // The child accepts a request of its own, so its refusal of the first is the replay check.
    expect(answers).toEqual([
      { status: 401, code: "REQUEST_REPLAYED" },
      { status: 200, code: null },
    ]);
    expect(await send(new ApiService(db, { skewMs: SKEW }), there, NOW + 2000)).toMatchObject({ status: 401, code: "REQUEST_REPLAYED" });
  }, 30_000);

  it("answers duplicates arriving in the same event-loop turn once", async () => {
    const t = newToken();
    const jws = sign(t);
    const a = new ApiService(db, { skewMs: SKEW });
    const other = openDatabase(file);
    try {
      const b = new ApiService(other, { skewMs: SKEW });
      const answers = await Promise.all([send(a, jws), send(a, jws), send(b, jws)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    } finally {
      other.$client.close();
    }
  });
});

describe("per-token partition", () => {
  it("refuses only the token at its cap, with 429 and Retry-After, and the refused request is no replay", async () => {
    const full = newToken();
    const other = newToken("public_key");
    const api = new ApiService(db, { skewMs: SKEW, replay: { maxPerToken: 3 } });
    for (let i = 0; i < 3; i++) expect((await send(api, sign(full))).status).toBe(200);
    const refused = sign(full);
    const r = await send(api, refused);
    expect(r).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
    // The oldest kept request expires at issuedAt + skew, within the next six minutes.
    const retryAfter = Number(r.headers?.["Retry-After"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(SKEW / 1000 + 60);
    expect((await send(api, refused)).code).toBe("TOO_MANY_REQUESTS");

    // Another token is unaffected, in this process and in one with its own memory.
    for (let i = 0; i < 3; i++) expect((await send(api, sign(other))).status).toBe(200);
    const second = openDatabase(file);
    try {
      const api2 = new ApiService(second, { skewMs: SKEW, replay: { maxPerToken: 3 } });
      // The cap counts the database's rows, so the full token is full there too.
      expect((await send(api2, sign(full))).code).toBe("TOO_MANY_REQUESTS");
      expect((await send(api2, sign(newToken()))).status).toBe(200);
    } finally {
      second.$client.close();
    }

    // Once its keys have expired, the token has room again.
    const later = NOW + SKEW + 2 * 60_000;
    issued = later;
    expect((await send(api, sign(full), later)).status).toBe(200);
  });
});

describe("pruning", () => {
  // Long before the other tests' rows, which this test's pruning must leave alone.
  const T = NOW - 30 * 86_400_000;
  const rows = (tokenId: string) => db.$client.prepare(`SELECT key FROM seen_requests WHERE token_id = ? ORDER BY key`).pluck().all(tokenId);

  it("deletes expired keys only, in bounded batches, and the counts of past minutes", async () => {
    const t = newToken();
    const store = new ReplayStore(db);
    for (let i = 0; i < 5; i++) expect((await store.remember(t.id, `old${i}`, T + 1000, T)).kind).toBe("new");
    expect((await store.remember(t.id, "live", T + 120_000, T)).kind).toBe("new");
    const allBefore = db.$client.prepare(`SELECT count(*) FROM seen_requests`).pluck().get() as number;

    expect(await pruneSeenRequests(onSqlite(db), T + 1000, 2)).toBe(0); // a key is still live at its forgetAt
    expect(await pruneSeenRequests(onSqlite(db), T + 1001, 2)).toBe(5);
    expect(rows(t.id)).toEqual(["live"]);
    expect(db.$client.prepare(`SELECT count(*) FROM seen_requests`).pluck().get()).toBe(allBefore - 5);

    // The scheduler's pass prunes too; a past minute's count goes with it.
    const counts = () => db.$client.prepare(`SELECT expires_minute AS m, count FROM seen_request_counts WHERE token_id = ? ORDER BY m`).all(t.id);
    expect(counts()).toEqual([
      { m: Math.floor((T + 1000) / 60_000), count: 5 },
      { m: Math.floor((T + 120_000) / 60_000), count: 1 },
    ]);
    expect((await runSchedulerOnce(onSqlite(db), null, T + 120_001)).pruned).toBe(1);
    expect(rows(t.id)).toEqual([]);
    expect(counts()).toEqual([{ m: Math.floor((T + 120_000) / 60_000), count: 1 }]);
  });
});
