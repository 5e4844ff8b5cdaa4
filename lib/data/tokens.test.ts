import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/domain/actor";
import { decryptTokenSecret } from "@/lib/crypto/token-crypto";
import { getDb, type Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import * as schema from "@/lib/db/schema";
import { seed } from "@/lib/db/seed";
import { isValidSecret } from "@/lib/crypto/secret";
import { isExpiringSoon, tokenStatus } from "@/lib/domain/token-status";
import { TOKEN_LIST_FILTERS, TOKEN_LIST_SORTS } from "@/lib/domain/token-list-query";
import * as tokens from "./tokens";
import type { CreateTokenData } from "./tokens";
import { expectRefusal } from "@/test/refusal";
import { enrollToken, insertCampaign } from "@/test/campaign-fixture";

// A throwaway database (and key file beside it) for this file. The connection opens lazily in
// beforeAll, after these variables are set.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-tokens-"));
process.env.DATABASE_FILE = path.join(dir, "test.db");
delete process.env.KEYWARD_SECRET_KEY;
delete process.env.KEYWARD_KEY_FILE;

let db: Db;

const ALL = ["api-credentials.view", "api-credentials.manage", "device-reports.view"];
const secrets: string[] = [];

function makeUser(name: string, roleId: number, groups: number[] = []): Actor {
  const id = crypto.randomUUID();
  const now = new Date();
  db.insert(schema.user).values({ id, name, email: `${id}@example.com`, roleId, createdAt: now, updatedAt: now }).run();
  for (const g of groups) db.insert(schema.userDeviceGroups).values({ userId: id, deviceGroupId: g }).run();
  return { id, name, email: `${id}@example.com`, roleId, roleName: null, isSystemAdmin: false, permissions: [], deviceGroups: [], ip: "192.0.2.7", language: null };
}

function makeRole(name: string, permissions: string[]): number {
  const id = db.insert(schema.roles).values({ name }).returning().get().id;
  db.insert(schema.rolePermissions).values(permissions.map((permission) => ({ roleId: id, permission }))).run();
  return id;
}

function input(over: Partial<CreateTokenData> = {}): CreateTokenData {
  return {
    title: `Token ${crypto.randomUUID()}`,
    description: "",
    tokenType: "generated",
    expiresOn: "2099-01-01",
    permissions: ["api-credentials.view"],
    allowedIps: [],
    ...over,
  };
}

/** A child process (test/create-tokens.ts) that creates count tokens once told to go. */
function startCreator(actor: Actor, prefix: string, count: number, children: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./test/child-hooks.mjs", "test/create-tokens.ts", JSON.stringify(actor), prefix, String(count), String(children)], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.slice("ready\n".length)) as string[]) : reject(new Error(`creator exited with ${code}: ${err.slice(0, 500)}`))));
  });
  const loaded = new Promise<void>((resolve) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.startsWith("ready\n")) resolve();
    });
  });
  // A child that dies while loading rejects ready with its error.
  const ready = Promise.race([loaded, done.then(() => Promise.reject(new Error("creator exited before it was ready")))]);
  return { ready, done, go: () => child.stdin.write("go\n") };
}

async function create(actor: Actor, over: Partial<CreateTokenData> = {}) {
  const out = await tokens.createToken({ actor, input: input(over) });
  if (out.secret) secrets.push(out.secret);
  return out;
}


const count = (table: "api_tokens" | "events") => db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number };

let admin: Actor;
let limitedRole: number;
let fullRole: number;

beforeAll(async () => {
  db = getDb();
  await seed(onSqlite(db));
  const adminRole = db.select().from(schema.roles).all().find((r) => r.builtIn)!;
  admin = { ...makeUser("Ada", adminRole.id), isSystemAdmin: true };
  limitedRole = makeRole("Token makers", ["api-credentials.view", "api-credentials.manage"]);
  fullRole = makeRole("Reporters", ALL);
});

afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("createToken", () => {
  it("writes token, permissions, allowed IPs in order and one token.created event without the secret", async () => {
    const actor = makeUser("Grace", fullRole);
    const out = await create(actor, { permissions: ["api-credentials.manage"], allowedIps: ["10.0.0.0/24", "2001:db8::/32", "192.0.2.1/32"] });
    expect(isValidSecret(out.secret)).toBe(true);
    const row = db.select().from(schema.apiTokens).all().find((t) => t.id === out.tokenId)!;
    expect(row.creatorId).toBe(actor.id);
    expect(row.publicKeyPem).toBeNull();
    const perms = db.$client.prepare("select permission from token_permissions where token_id = ? order by permission").all(out.tokenId);
    expect(perms).toEqual([{ permission: "api-credentials.manage" }, { permission: "api-credentials.view" }]);
    const ips = db.$client.prepare("select cidr from token_allowed_ips where token_id = ? order by position").all(out.tokenId);
    expect(ips).toEqual([{ cidr: "10.0.0.0/24" }, { cidr: "2001:db8::/32" }, { cidr: "192.0.2.1/32" }]);
    const ev = db.$client.prepare("select * from events where target_id = ?").all(out.tokenId) as { action: string; details: string; actor_id: string; source_ip: string }[];
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ action: "token.created", actor_id: actor.id, source_ip: "192.0.2.7" });
    expect(JSON.parse(ev[0].details)).toMatchObject({ title: expect.any(String), type: "generated", expiresOn: "2099-01-01", allowedIps: 3 });
    expect(ev[0].details).not.toContain(out.secret);
  });

  it("stores the secret only encrypted, bound to the token ID", async () => {
    const actor = makeUser("Linus", fullRole);
    const out = await create(actor);
    const row = db.select().from(schema.apiTokens).all().find((t) => t.id === out.tokenId)!;
    expect(row.secretCiphertext!.toString("latin1")).not.toContain(out.secret);
    expect(decryptTokenSecret(out.tokenId, row.secretCiphertext!)).toBe(out.secret);
    expect(() => decryptTokenSecret(crypto.randomUUID(), row.secretCiphertext!)).toThrow();
  });

  it("refuses permissions beyond the creator's role with a field error instead of trimming them", async () => {
    const actor = makeUser("Mallory", limitedRole);
    const before = count("api_tokens").n;
    const err = await expectRefusal(() => create(actor, { permissions: ["api-credentials.view", "device-reports.view"] }));
    // lib/data names them by code; the console's action names them in the viewer's language.
    expect(err.fieldErrors?.permissions?.[0]).toContain("device-reports.view");
    const unknown = await expectRefusal(() => create(actor, { permissions: ["api-credentials.view", "root.everything"] }));
    expect(unknown.fieldErrors?.permissions?.[0]).toContain("root.everything");
    expect(count("api_tokens").n).toBe(before);
    // Within the role it works, and manage brings view along.
    const ok = await create(actor, { permissions: ["api-credentials.manage"] });
    expect(db.$client.prepare("select count(*) as n from token_permissions where token_id = ?").get(ok.tokenId)).toEqual({ n: 2 });
  });

  it("refuses a creator whose role lost API credentials: manage", async () => {
    const role = makeRole("Viewers", ["api-credentials.view"]);
    const actor = makeUser("Vera", role);
    expect((await expectRefusal(() => create(actor))).status).toBe(403);
  });

  it("keeps titles unique among the creator's live tokens only, ignoring case", async () => {
    const actor = makeUser("Tess", fullRole);
    const other = makeUser("Otto", fullRole);
    const first = await create(actor, { title: "Billing Sync" });
    const dup = await expectRefusal(() => create(actor, { title: "billing sync" }));
    expect(dup.fieldErrors?.title?.[0]).toMatch(/already have a live token/);
    // Another user may use the same title.
    await create(other, { title: "Billing Sync" });
    // Once the first is revoked, the title is free again; an expired one doesn't block either.
    db.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eqId(first.tokenId)).run();
    const second = await create(actor, { title: "BILLING SYNC" });
    db.update(schema.apiTokens).set({ expiresOn: "2000-01-01" }).where(eqId(second.tokenId)).run();
    await expect(create(actor, { title: "Billing sync" })).resolves.toMatchObject({ tokenId: expect.any(String) });
  });

  it("snapshots the creator's device group: one → that group, none → all, several → none", async () => {
    const groups = db.select().from(schema.deviceGroups).all();
    const one = await create(makeUser("One", fullRole, [groups[0].id]));
    const none = await create(makeUser("None", fullRole));
    const many = await create(makeUser("Many", fullRole, [groups[0].id, groups[1].id]));
    const get = (id: string) => db.$client.prepare("select device_scope as s, device_group_id as g, device_group_name as n from api_tokens where id = ?").get(id);
    expect(get(one.tokenId)).toEqual({ s: "group", g: groups[0].id, n: groups[0].name });
    expect(get(none.tokenId)).toEqual({ s: "all", g: null, n: "All device groups" });
    expect(get(many.tokenId)).toEqual({ s: "none", g: null, n: "None" });
  });

  it("stores an uploaded public key without a secret", async () => {
    const actor = makeUser("Pat", fullRole);
    const out = await create(actor, { tokenType: "public_key", publicKeyPem: "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n", publicKeyFingerprint: "SHA256:x" });
    expect(out.secret).toBeUndefined();
    const row = db.select().from(schema.apiTokens).all().find((t) => t.id === out.tokenId)!;
    expect(row.secretCiphertext).toBeNull();
    expect(row.publicKeyFingerprint).toBe("SHA256:x");
  });

  it("refuses a public key already used by another live token, of any user (one key, one token)", async () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${crypto.randomUUID()}\n-----END PUBLIC KEY-----\n`;
    const key = { tokenType: "public_key" as const, publicKeyPem: pem, publicKeyFingerprint: `SHA256:${crypto.randomUUID()}` };
    const first = await create(makeUser("Kay", fullRole), key);
    const other = makeUser("Kim", fullRole);
    const dup = await expectRefusal(() => create(other, key));
    expect(dup.status).toBe(409);
    expect(dup.fieldErrors?.publicKey?.[0]).toBe(
      "This public key is already used by another active token. One key serves one token: generate a new key pair for this token.",
    );
    // Once the first token is revoked (or has expired), the key is free again.
    db.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eqId(first.tokenId)).run();
    const second = await create(other, key);
    db.update(schema.apiTokens).set({ expiresOn: "2000-01-01" }).where(eqId(second.tokenId)).run();
    await expect(create(other, key)).resolves.toMatchObject({ tokenId: expect.any(String) });
  });

  it("is atomic: a failure after the token insert leaves neither token nor event", async () => {
    const actor = makeUser("Atom", fullRole);
    const tokensBefore = count("api_tokens").n;
    const eventsBefore = count("events").n;
    // The event is the last write of the transaction, so failing it fails after the token insert.
    db.$client.exec("CREATE TEMP TRIGGER fail_event BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    try {
      await expect(create(actor, { allowedIps: ["10.0.0.1/32"] })).rejects.toThrow(/injected failure/);
    } finally {
      db.$client.exec("DROP TRIGGER fail_event");
    }
    expect(count("api_tokens").n).toBe(tokensBefore);
    expect(count("events").n).toBe(eventsBefore);
    expect(db.$client.prepare("select count(*) as n from token_allowed_ips where cidr = '10.0.0.1/32'").get()).toEqual({ n: 0 });
  });

  it("creates 200 tokens from 4 processes writing to the database file at once, with unique IDs and one event each", async () => {
    const actor = makeUser("Burst", fullRole);
    const children = Array.from({ length: 4 }, (_, w) => startCreator(actor, `Burst ${w}`, 50, 4));
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    // The children meet after their first token (test/create-tokens.ts), so the writes overlap.
    const ids = (await Promise.all(children.map((c) => c.done))).flat();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const n = db.$client.prepare("select count(*) as n from api_tokens where creator_id = ?").get(actor.id);
    const e = db.$client.prepare("select count(*) as n from events where action = 'token.created' and actor_id = ?").get(actor.id);
    expect(n).toEqual({ n: 200 });
    expect(e).toEqual({ n: 200 });
  }, 120_000);

  it("creates one token for a replayed idempotency key, and allows a retry after a refusal", async () => {
    const actor = makeUser("Dee", fullRole);
    const key = crypto.randomUUID();
    const first = await tokens.createToken({ actor, input: input({ title: "Once" }), idempotencyKey: key });
    secrets.push(first.secret!);
    const replay = await expectRefusal(() => tokens.createToken({ actor, input: input({ title: "Once" }), idempotencyKey: key }));
    expect(replay.status).toBe(409);
    expect(replay.message).toMatch(/already created/);
    expect(db.$client.prepare("select count(*) as n from api_tokens where creator_id = ?").get(actor.id)).toEqual({ n: 1 });

    const key2 = crypto.randomUUID();
    await expectRefusal(() => tokens.createToken({ actor, input: input({ title: "once" }), idempotencyKey: key2 }));
    const retry = await tokens.createToken({ actor, input: input({ title: "Twice" }), idempotencyKey: key2 });
    secrets.push(retry.secret!);
  });
});

const eqId = (id: string) => eq(schema.apiTokens.id, id);

describe("listTokens", () => {
  it("shows other users only their own tokens, and the System Administrator all of them", async () => {
    const alice = makeUser("Alice", fullRole);
    const bob = makeUser("Bob", fullRole);
    const a = await create(alice, { title: "Alice's token" });
    const b = await create(bob, { title: "Bob's token" });
    const aliceList = await tokens.listTokens({ actor: alice });
    expect(aliceList.items.map((t) => t.id)).toEqual([a.tokenId]);
    expect(aliceList.total).toBe(1);
    // Searching for Bob's ID as Alice finds nothing.
    expect((await tokens.listTokens({ actor: alice, q: b.tokenId })).total).toBe(0);
    const all = await tokens.listTokens({ actor: admin, q: b.tokenId });
    expect(all.items).toEqual([
      { id: b.tokenId, title: "Bob's token", type: "generated", createdBy: "Bob", createdAt: expect.any(String), expiresOn: "2099-01-01", lastUsedAt: null, status: "active", allowedIpCount: 0, rotationDueOn: null },
    ]);
    expect(JSON.stringify(await tokens.listTokens({ actor: admin }))).not.toMatch(/kwsk_|ciphertext/i);
    // A rotation campaign waiting for the token shows on its row (one query for the page).
    enrollToken(db, insertCampaign(db, { deadlineOn: "2099-01-01" }), { tokenId: b.tokenId, ownerId: bob.id });
    expect((await tokens.listTokens({ actor: admin, q: b.tokenId })).items[0].rotationDueOn).toBe("2099-01-01");
  });

  it("searches by title or ID, filters by a status derived like tokenStatus, and paginates by 25", async () => {
    const owner = makeUser("Paula", fullRole);
    for (let i = 0; i < 27; i++) await create(owner, { title: `Page item ${String(i).padStart(2, "0")}` });
    const revoked = await create(owner, { title: "Gone" });
    const expired = await create(owner, { title: "Old" });
    const lastDay = await create(owner, { title: "Last day" });
    db.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eqId(revoked.tokenId)).run();
    const now = Date.UTC(2030, 5, 15, 23, 59, 59, 999);
    db.update(schema.apiTokens).set({ expiresOn: "2030-06-14" }).where(eqId(expired.tokenId)).run();
    db.update(schema.apiTokens).set({ expiresOn: "2030-06-15" }).where(eqId(lastDay.tokenId)).run();

    const p1 = await tokens.listTokens({ actor: owner, q: "page ITEM", now });
    expect(p1).toMatchObject({ total: 27, page: 1, pageCount: 2, pageSize: 25 });
    expect(p1.items).toHaveLength(25);
    const p2 = await tokens.listTokens({ actor: owner, q: "page item", page: 2, now });
    expect(p2.items).toHaveLength(2);
    expect(new Set([...p1.items, ...p2.items].map((t) => t.id)).size).toBe(27);
    expect((await tokens.listTokens({ actor: owner, q: "page item", page: 99, now })).page).toBe(2);
    expect((await tokens.listTokens({ actor: owner, q: lastDay.tokenId.slice(0, 13).toUpperCase(), now })).items.map((t) => t.id)).toEqual([lastDay.tokenId]);

    expect((await tokens.listTokens({ actor: owner, status: "revoked", now })).items.map((t) => t.title)).toEqual(["Gone"]);
    expect((await tokens.listTokens({ actor: owner, status: "expired", now })).items.map((t) => t.title)).toEqual(["Old"]);
    expect((await tokens.listTokens({ actor: owner, status: "active", now })).total).toBe(28);
    // One millisecond later the last-day token has expired too, in SQL and in the domain rule.
    expect((await tokens.listTokens({ actor: owner, status: "expired", now: now + 1 })).total).toBe(2);
    expect(tokenStatus({ expiresOn: "2030-06-15", revokedAt: null, creatorStatus: "active" }, now + 1)).toBe("expired");

    db.update(schema.user).set({ status: "suspended" }).where(eq(schema.user.id, owner.id)).run();
    const suspended = await tokens.listTokens({ actor: owner, status: "suspended", now });
    expect(suspended.total).toBe(28);
    expect((await tokens.listTokens({ actor: owner, q: "Gone", now })).items[0].status).toBe("revoked");
  });

  it("filters live tokens expiring in the next 14 days (isExpiringSoon's rule) and sorts by expiry either way", async () => {
    const owner = makeUser("Sorter", fullRole);
    const now = Date.UTC(2030, 0, 10, 12);
    const dates = { Today: "2030-01-10", Day14: "2030-01-24", Day15: "2030-01-25", Yesterday: "2030-01-09", RevokedSoon: "2030-01-12", Later: "2030-06-01" };
    for (const [title, expiresOn] of Object.entries(dates)) {
      const t = await create(owner, { title });
      db.update(schema.apiTokens).set({ expiresOn, ...(title === "RevokedSoon" ? { revokedAt: new Date(now) } : {}) }).where(eqId(t.tokenId)).run();
    }
    const soon = await tokens.listTokens({ actor: owner, status: "expiring-soon", sort: "expiry-asc", now });
    expect(soon.items.map((t) => t.title)).toEqual(["Today", "Day14"]);
    for (const [title, expiresOn] of Object.entries(dates)) {
      expect(isExpiringSoon({ expiresOn, revokedAt: title === "RevokedSoon" ? now : null }, now), title).toBe(title === "Today" || title === "Day14");
    }
    expect((await tokens.listTokens({ actor: owner, sort: "expiry-asc", now })).items.map((t) => t.title)).toEqual(["Yesterday", "Today", "RevokedSoon", "Day14", "Day15", "Later"]);
    expect((await tokens.listTokens({ actor: owner, sort: "expiry-desc", now })).items.map((t) => t.title)).toEqual(["Later", "Day15", "Day14", "RevokedSoon", "Today", "Yesterday"]);
  });
});

describe("secrets at rest", () => {
  it("never writes a created secret in plaintext to the database file or its WAL", async () => {
    const actor = makeUser("Rest", fullRole);
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await tokens.createToken({ actor, input: input({ title: `At rest ${i}` }) }));
    const fresh = created.map((c) => c.secret!);
    expect(fresh.every(isValidSecret)).toBe(true);
    const files = [process.env.DATABASE_FILE!, `${process.env.DATABASE_FILE}-wal`].filter((f) => fs.existsSync(f));
    expect(files.length).toBe(2);
    const bytes = files.map((f) => fs.readFileSync(f).toString("latin1")).join("\n");
    // The rows are in the files (so the search below looks where the secrets would be)…
    expect(bytes).toContain("At rest 19");
    // …and no secret of this file's tests is, neither these nor the ones created above.
    for (const s of [...fresh, ...secrets]) expect(bytes.includes(s)).toBe(false);
  });
});

describe("token search (FTS5 trigram index, kept in step by triggers)", () => {
  it("finds a case-insensitive substring of the title or the ID, from one character up, in any script", async () => {
    const owner = makeUser("Searcher", fullRole);
    const tokyo = await create(owner, { title: "東京オフィスの監視トークン" });
    const mixed = await create(owner, { title: "Build Server ÄÖ" });
    const other = await create(owner, { title: "Zq" });
    const ids = async (q: string) => (await tokens.listTokens({ actor: owner, q })).items.map((t) => t.id);
    expect(await ids("オフィス")).toEqual([tokyo.tokenId]);
    expect(await ids("京")).toEqual([tokyo.tokenId]);
    expect(await ids("東京")).toEqual([tokyo.tokenId]);
    expect(await ids("ild SER")).toEqual([mixed.tokenId]);
    expect(await ids("zQ")).toEqual([other.tokenId]);
    expect(await ids(mixed.tokenId.slice(4, 20).toUpperCase())).toEqual([mixed.tokenId]);
    expect(await ids(other.tokenId)).toEqual([other.tokenId]);
    expect(await ids('"ild" OR *')).toEqual([]);
    expect(await ids("no such title")).toEqual([]);
  });

  it("follows deletions and renames of tokens", async () => {
    const owner = makeUser("Follower", fullRole);
    const gone = await create(owner, { title: "Ephemeral thing" });
    const kept = await create(owner, { title: "Lasting thing" });
    expect((await tokens.listTokens({ actor: owner, q: "thing" })).total).toBe(2);
    db.delete(schema.apiTokens).where(eqId(gone.tokenId)).run();
    db.update(schema.apiTokens).set({ title: "Renamed one" }).where(eqId(kept.tokenId)).run();
    expect((await tokens.listTokens({ actor: owner, q: "thing" })).total).toBe(0);
    expect((await tokens.listTokens({ actor: owner, q: "named o" })).items.map((t) => t.id)).toEqual([kept.tokenId]);
    // The index matches api_tokens row for row (FTS5 compares it with its external content).
    expect(() => db.$client.prepare("insert into api_tokens_search (api_tokens_search, rank) values ('integrity-check', 1)").run()).not.toThrow();
    db.$client.prepare("update api_tokens set title = 'Out of step' where id = ?").run(kept.tokenId);
    db.$client.prepare("drop trigger api_tokens_search_update").run();
    db.$client.prepare("update api_tokens set title = 'Renamed again' where id = ?").run(kept.tokenId);
    try {
      expect(() => db.$client.prepare("insert into api_tokens_search (api_tokens_search, rank) values ('integrity-check', 1)").run()).toThrow();
    } finally {
      db.$client.prepare("insert into api_tokens_search (api_tokens_search) values ('rebuild')").run();
    }
  });

  it("counts a System Administrator's search from the index, the same total as filtering each row", async () => {
    const owner = makeUser("Counter", fullRole);
    const admin = { ...makeUser("Counting admin", fullRole), isSystemAdmin: true };
    for (let i = 0; i < 30; i++) await create(owner, { title: `Countable ${i % 3 ? "pear" : "plum"} ${i}` });
    const revoked = await create(owner, { title: "Countable plum revoked" });
    db.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eqId(revoked.tokenId)).run();
    const all = await tokens.listTokens({ actor: admin, q: "ountable pl" });
    expect(all.total).toBe(11);
    expect(all.items).toHaveLength(11);
    expect((await tokens.listTokens({ actor: admin, q: "ountable pl", status: "active" })).total).toBe(10);
    expect((await tokens.listTokens({ actor: admin, q: "ountable pe" })).total).toBe(20);
    expect((await tokens.listTokens({ actor: admin, q: "ountable pe", status: "revoked" })).total).toBe(0);
    expect(await tokens.listTokens({ actor: admin, q: "nothing like it" })).toMatchObject({ total: 0, items: [], page: 1, pageCount: 1 });
  });
});

describe("the token list's query plans", () => {
  const plan = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = q.toSQL();
    return (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
  };
  const admin = (): Actor => ({ ...makeUser("Plan admin", fullRole), isSystemAdmin: true });

  it("walks the index of each order for every status and search, for everyone and for one creator, and sorts nothing", async () => {
    const now = Date.UTC(2030, 0, 10);
    for (const actor of [admin(), makeUser("Plan user", fullRole)]) {
      for (const status of [null, ...TOKEN_LIST_FILTERS]) {
        for (const q of ["", "ild se"]) {
          for (const sort of TOKEN_LIST_SORTS) {
            const where = tokens.tokenListWhere({ actor, q, status, now });
            const label = `${actor.isSystemAdmin ? "admin" : "user"} ${status} ${q} ${sort}`;
            const ids = plan(tokens.tokenPageIdsQuery(where, sort, 3));
            const order = { created: "created", "expiry-asc": "expiry_asc", "expiry-desc": "expiry_desc" }[sort];
            const index = actor.isSystemAdmin ? `api_tokens_list_${order}_idx` : sort === "created" ? "api_tokens_creator_idx" : `api_tokens_creator_${order}_idx`;
            expect(ids, label).toMatch(new RegExp(`^(SCAN|SEARCH) api_tokens USING COVERING INDEX ${index}\\b`));
            expect(ids, label).not.toMatch(/TEMP B-TREE/);
            if (q) expect(ids, label).toMatch(/SCAN api_tokens_search VIRTUAL TABLE INDEX/);
            // The matches join the order's index by rowid, which it holds: no lookup of api_tokens' rows or IDs.
            if (q) expect(ids, label).not.toMatch(/INTEGER PRIMARY KEY|sqlite_autoindex/);
            if (q) expect(plan(tokens.searchMatchCountQuery(q)!), label).toMatch(/^SCAN api_tokens_search VIRTUAL TABLE INDEX \d+:M/);
            const count = plan(tokens.tokenCountQuery(tokens.tokenListWhere({ actor, q, status, now, forCount: true })));
            expect(count, label).toMatch(/^(SCAN|SEARCH) api_tokens USING COVERING INDEX/);
            expect(count, label).not.toMatch(/TEMP B-TREE/);
            // A count has no order to keep: an expiry condition is a range of an expiry index, not a walk of every entry.
            if (status && status !== "revoked") expect(count, label).toMatch(/^SEARCH api_tokens USING COVERING INDEX api_tokens_\w*expir\w*_idx \(\w*(creator_id=\? AND )?expires_on[<>]/);
          }
        }
      }
    }
  });
});
