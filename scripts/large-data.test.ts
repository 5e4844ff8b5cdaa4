import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiTokens, events, roles, tokenAllowedIps, tokenPermissions, user } from "@/lib/db/schema";
import { createToken } from "@/lib/data/tokens";
import { insertUserWithPassword } from "@/lib/data/users";
import { permissionsOf } from "@/lib/data/roles";
import { confirmPublicKey } from "@/lib/crypto/public-key-server";
import { decryptTokenSecret } from "@/lib/crypto/token-crypto";
import { isValidSecret } from "@/lib/crypto/secret";
import { isEventAction } from "@/lib/domain/event-actions";
import { ALL_PERMISSIONS, beyondRole, normalizePermissions } from "@/lib/domain/permissions";
import { makeCreateTokenSchema } from "@/lib/domain/token-schemas";
import { tokenStatus } from "@/lib/domain/token-status";
import { createTempDb, type TempDb } from "@/test/temp-db";
import { planFor, seedLarge } from "./large-data";

process.env.KEYWARD_SECRET_KEY = crypto.randomBytes(32).toString("base64");

let tmp: TempDb;
let db: Db;
let adminId: string;
let before: { tokens: unknown[]; users: unknown[]; roles: unknown[] };
let settingsBefore: unknown[];
const settings = () => ["synchronous", "cache_size"].map((p) => db.$client.pragma(p, { simple: true }));

const all = <T>(rows: T[]) => JSON.parse(JSON.stringify(rows)) as T[];

beforeAll(async () => {
  tmp = createTempDb("keyward-large-");
  db = tmp.db;
  // createToken writes through the process's own connection (getDb), opened on this file.
  process.env.DATABASE_FILE = tmp.file;
  const adminRole = db.select().from(roles).where(eq(roles.builtIn, true)).get()!;
  adminId = await insertUserWithPassword(tmp.kdb, { name: "Ada", email: "ada@example.com", passwordHash: "h", roleId: adminRole.id });
  // An existing token, made through the console's path, must come through untouched.
  await createToken({
    actor: { id: adminId, name: "Ada", email: "ada@example.com", roleId: adminRole.id, roleName: null, isSystemAdmin: true, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: null, language: null },
    input: { title: "Existing", description: "", tokenType: "generated", expiresOn: "2099-01-01", permissions: ["api-credentials.view"], allowedIps: [] },
  });
  before = { tokens: all(db.select().from(apiTokens).all()), users: all(db.select().from(user).all()), roles: all(db.select().from(roles).all()) };
  settingsBefore = settings();
  await seedLarge(db, planFor(400, 3000));
}, 120_000);

afterAll(() => tmp?.close());

describe("seed:large", () => {
  it("makes every token to the console's rules: the create schema as of its day, the creator's role, a working secret or key", async () => {
    const rows = db.select().from(apiTokens).all().filter((t) => t.creatorId !== adminId);
    expect(rows).toHaveLength(400);
    const creators = new Map(db.select().from(user).all().map((u) => [u.id, u]));
    const liveTitles = new Set<string>();
    let asOf = new Date();
    const schema = makeCreateTokenSchema(() => asOf);
    for (const t of rows) {
      const permissions = db.select().from(tokenPermissions).where(eq(tokenPermissions.tokenId, t.id)).all().map((p) => p.permission).sort();
      const ips = db.select().from(tokenAllowedIps).where(eq(tokenAllowedIps.tokenId, t.id)).orderBy(asc(tokenAllowedIps.position)).all().map((r) => r.cidr);
      asOf = t.createdAt;
      const parsed = schema.safeParse({
        title: t.title,
        description: t.description,
        tokenType: t.type,
        publicKey: t.publicKeyPem,
        expiresOn: t.expiresOn,
        timeZone: "UTC",
        permissions,
        allowedIps: ips,
        confirmOpenRange: false,
      });
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(normalizePermissions(permissions).sort()).toEqual(permissions);
      const creator = creators.get(t.creatorId)!;
      expect(beyondRole(permissions, await permissionsOf(tmp.kdb, creator.roleId!))).toEqual([]);
      if (t.type === "generated") {
        expect(isValidSecret(decryptTokenSecret(t.id, t.secretCiphertext!))).toBe(true);
      } else {
        const key = confirmPublicKey(t.publicKeyPem!);
        expect(key.ok && key.fingerprint).toBe(t.publicKeyFingerprint);
      }
      if (t.revokedAt === null && t.expiresOn >= new Date().toISOString().slice(0, 10)) {
        const folded = `${t.creatorId}:${t.title.toLowerCase()}`;
        expect(liveTitles.has(folded)).toBe(false);
        liveTitles.add(folded);
      }
    }
    const statuses = new Set(rows.map((t) => tokenStatus({ expiresOn: t.expiresOn, revokedAt: t.revokedAt, creatorStatus: creators.get(t.creatorId)!.status as "active" | "suspended" })));
    expect([...statuses].sort()).toEqual(["active", "expired", "revoked", "suspended"]);
    expect(rows.some((t) => t.type === "public_key")).toBe(true);
  }, 60_000);

  it("records a year of events of the real kinds, ids rising with time, and each expired token's expiry once", () => {
    const rows = db.select({ id: events.id, at: events.at, action: events.action, targetId: events.targetId }).from(events).orderBy(asc(events.id)).all();
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    expect(rows.filter((e) => !isEventAction(e.action))).toEqual([]);
    const seeded = rows.filter((e) => e.at.getTime() < Date.now() - 86_400_000);
    expect(seeded.every((e, i) => i === 0 || e.at >= seeded[i - 1].at)).toBe(true);
    expect(new Set(rows.map((e) => e.action)).size).toBeGreaterThanOrEqual(14);
    const expiredEvents = rows.filter((e) => e.action === "token.expired").map((e) => e.targetId);
    const recorded = db.select({ id: apiTokens.id }).from(apiTokens).all().filter((t) => expiredEvents.includes(t.id));
    expect(new Set(expiredEvents).size).toBe(expiredEvents.length);
    expect(recorded.length).toBe(expiredEvents.length);
  });

  it("leaves every existing row as it was", () => {
    const ids = (rows: unknown[]) => new Set((rows as { id: string | number }[]).map((r) => r.id));
    const now = { tokens: all(db.select().from(apiTokens).all()), users: all(db.select().from(user).all()), roles: all(db.select().from(roles).all()) };
    for (const key of ["tokens", "users", "roles"] as const) {
      const kept = ids(before[key]);
      expect(now[key].filter((r) => kept.has((r as { id: string | number }).id))).toEqual(before[key]);
    }
  });

  it("gives the connection back with the settings it had (the bulk-write ones are for the seed only)", () => {
    expect(settings()).toEqual(settingsBefore);
    expect(settingsBefore[0]).toBe(2); // FULL: not what the seed uses
  });

  it("without --yes says what it would add and changes nothing; without an administrator it refuses", () => {
    const count = () => db.select({ id: apiTokens.id }).from(apiTokens).all().length;
    const n = count();
    const run = (file: string, args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "--import", "./test/child-hooks.mjs", "scripts/seed-large.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, ".."),
        env: { ...process.env, DATABASE_FILE: file },
        encoding: "utf8",
      });
    const dry = run(tmp.file, ["--tokens", "50", "--events", "100"]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("Would add 6 roles, 8 users, 50 tokens and 100 events");
    expect(count()).toBe(n);
    const empty = createTempDb("keyward-large-empty-");
    try {
      const refused = run(empty.file, ["--tokens", "50", "--yes"]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("no System Administrator yet");
    } finally {
      empty.close();
    }
  }, 60_000);
});
