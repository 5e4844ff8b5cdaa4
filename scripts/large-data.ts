// The data behind `npm run seed:large`: users, roles, tokens of every status and a year of events,
// made to the console's own rules. Users, roles and suspensions go through lib/data (with their
// events); tokens are validated by the same zod schema as the create form and the role check of
// lib/data, then written in bulk, because 100,000 one-by-one transactions (each queuing notices)
// would take far longer than the two minutes this may take.
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { deviceGroups, roles, user } from "@/lib/db/schema";
import { seed } from "@/lib/db/seed";
import type { Actor } from "@/lib/domain/actor";
import { clock } from "@/lib/domain/clock";
import { addDaysIso } from "@/lib/domain/expiry";
import { displayCidr } from "@/lib/domain/ip-allowlist";
import { ALL_PERMISSIONS, beyondRole, normalizePermissions, type Permission } from "@/lib/domain/permissions";
import { makeCreateTokenSchema } from "@/lib/domain/token-schemas";
import { expiryCutoff } from "@/lib/domain/token-status";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { generateSecret } from "@/lib/crypto/secret";
import { confirmPublicKey } from "@/lib/crypto/public-key-server";
import { createRole, permissionsOf } from "@/lib/data/roles";
import { createUser, suspendUser } from "@/lib/data/users";
import { deviceScopeFor } from "@/lib/data/tokens";

const DAY = 86_400_000;
const YEAR = 365 * DAY;
// Rows per transaction. Each commit writes every page its rows touched (to the WAL, then the
// checkpoint copies it), and random token and target IDs touch pages all over their indexes:
// 10,000 events a commit rewrote most of those indexes a hundred times over. Bigger batches write
// each page once per batch; a batch still commits within a few seconds.
const TOKEN_BATCH = 10_000;
const EVENT_BATCH = 100_000;

export interface LargePlan {
  tokens: number;
  events: number;
  users: number;
  roles: number;
}

export function planFor(tokens: number, eventCount: number): LargePlan {
  // A few dozen people, more for a bigger installation; events at least one per token.
  const users = Math.min(60, Math.max(8, Math.round(Math.sqrt(tokens) / 6)));
  return { tokens, events: Math.max(eventCount, tokens), users, roles: ROLE_SHAPES.length };
}

const ROLE_SHAPES: { name: string; permissions: Permission[] }[] = [
  { name: "Integrations", permissions: ["api-credentials.manage", "device-reports.view", "device-fields.manage", "device-groups.view", "software-reports.view"] },
  { name: "Service desk", permissions: ["api-credentials.manage", "missing-devices.manage", "freeze-device.perform", "geolocation.view", "device-groups.view"] },
  { name: "Automation", permissions: ["api-credentials.manage", "reach-scripts.run", "policies.manage", "device-groups.manage"] },
  { name: "Reporting", permissions: ["api-credentials.manage", "device-reports.view", "software-reports.view", "event-history.view"] },
  { name: "Field operations", permissions: ["api-credentials.manage", "geolocation.view", "address-location.view", "missing-devices.view"] },
  { name: "Auditors", permissions: ["api-credentials.view", "event-history.view", "users-roles.view"] },
];

const SERVICES = ["billing-sync", "inventory", "ci-runner", "asset-export", "helpdesk-bot", "mdm-bridge", "report-builder", "geo-feed", "backup-agent", "siem-forwarder", "deploy", "nightly-etl"];
const ENVIRONMENTS = ["prod", "staging", "dev", "eu", "us", "apac"];

/** A small deterministic PRNG, so two runs of the same size make data of the same shape. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Owner {
  actor: Actor;
  permissions: Permission[];
  suspended: boolean;
  groups: { id: number; name: string }[];
}

/** An api_tokens row as the bulk insert binds it (times in epoch milliseconds, as the columns store them). */
interface TokenRow {
  id: string;
  title: string;
  description: string;
  type: "generated" | "public_key";
  secretCiphertext: Buffer | null;
  publicKeyPem: string | null;
  publicKeyFingerprint: string | null;
  creatorId: string;
  createdAt: number;
  expiresOn: string;
  deviceScope: string;
  deviceGroupId: number | null;
  deviceGroupName: string;
  revokedAt: number | null;
  lastUsedAt: number | null;
  expiredRecordedAt: number | null;
}

interface PendingEvent {
  at: number;
  actorType: "user" | "token" | "system" | "anonymous";
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  sourceIp: string | null;
  details: Record<string, unknown> | null;
  /** Who created the token an event is about (recordEvent's token_owner_id). */
  tokenOwnerId?: string | null;
}

export interface LargeResult extends LargePlan {
  byStatus: Record<string, number>;
  seconds: number;
}

function administrator(db: Db): Actor | null {
  const row = db
    .select({ id: user.id, name: user.name, email: user.email, roleId: user.roleId, roleName: roles.name })
    .from(user)
    .innerJoin(roles, eq(roles.id, user.roleId))
    .where(sql`${roles.builtIn} = 1 and ${user.status} = 'active'`)
    .orderBy(user.createdAt)
    .get();
  if (!row) return null;
  return { ...row, isSystemAdmin: true, permissions: [...ALL_PERMISSIONS], deviceGroups: [], ip: null, language: null };
}

/** Refuses a database without its first administrator: the seed adds to an installation, it doesn't set one up. */
export function requireAdministrator(db: Db): Actor {
  const admin = administrator(db);
  if (!admin) throw new Error("This database has no System Administrator yet. Start Keyward (npm start), open the console and set it up first.");
  return admin;
}

/**
 * Adds the planned data. Existing rows are never changed: names, emails and titles carry a run
 * tag so a second run adds beside the first.
 */
export async function seedLarge(db: Db, plan: LargePlan, opts: { randomSeed?: number; log?: (line: string) => void } = {}): Promise<LargeResult> {
  const restore = bulkPragmas(db);
  try {
    return await addLarge(db, plan, opts);
  } finally {
    restore();
  }
}

/**
 * This connection's settings for the seed's bulk writes, for its duration only (the server's
 * connections keep theirs); returns what puts the previous ones back. cache_size: room for the indexes' pages instead of re-reading them from the file. synchronous NORMAL:
 * in WAL mode commits stop waiting for fsync, and a crash loses at most the last batches, never
 * the database's consistency.
 */
function bulkPragmas(db: Db): () => void {
  const c = db.$client;
  const settings = { cache_size: "-262144", synchronous: "NORMAL" };
  const before = Object.fromEntries(Object.keys(settings).map((k) => [k, String(c.pragma(k, { simple: true }))]));
  for (const [k, v] of Object.entries(settings)) c.pragma(`${k} = ${v}`);
  return () => {
    for (const [k, v] of Object.entries(before)) c.pragma(`${k} = ${v}`);
  };
}

async function addLarge(db: Db, plan: LargePlan, opts: { randomSeed?: number; log?: (line: string) => void }): Promise<LargeResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const rand = mulberry32(opts.randomSeed ?? 20261202);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const now = clock.now();
  const tag = crypto.randomBytes(3).toString("hex");
  await seed(onSqlite(db));
  const admin = requireAdministrator(db);
  const kdb = onSqlite(db);

  // Roles and people through the data layer, with their own events.
  const roleIds: number[] = [];
  for (const r of ROLE_SHAPES) roleIds.push((await createRole(admin, { name: `${r.name} (${tag})`, permissions: normalizePermissions(r.permissions) }, kdb)).id);
  const groups = db.select({ id: deviceGroups.id, name: deviceGroups.name }).from(deviceGroups).all();
  const passwordHash = await hashPassword(crypto.randomBytes(18).toString("base64url"));
  const owners: Owner[] = [];
  for (let i = 0; i < plan.users; i++) {
    const roleIndex = i % ROLE_SHAPES.length;
    // Mostly one device group, some none (every group), a few two (no devices).
    const r = rand();
    const groupIds = r < 0.6 ? [pick(groups).id] : r < 0.9 ? [] : groups.slice(0, 2).map((g) => g.id);
    const email = `seed-${tag}-${i}@example.com`;
    const { id } = await createUser(admin, { email, name: `Seed user ${i} (${tag})`, roleId: roleIds[roleIndex], deviceGroupIds: groupIds, passwordHash }, kdb);
    const permissions = await permissionsOf(kdb, roleIds[roleIndex]);
    owners.push({
      actor: { id, name: `Seed user ${i}`, email, roleId: roleIds[roleIndex], roleName: ROLE_SHAPES[roleIndex].name, isSystemAdmin: false, permissions: [...permissions], deviceGroups: [], ip: null, language: null },
      permissions,
      suspended: false,
      groups: groups.filter((g) => groupIds.includes(g.id)),
    });
  }
  const makers = owners.filter((o) => o.permissions.includes("api-credentials.manage"));
  // Two makers suspended, so their tokens show as Suspended.
  for (const o of makers.slice(-2)) {
    await suspendUser(admin, o.actor.id, kdb);
    o.suspended = true;
  }
  log(`Added ${plan.roles} roles and ${plan.users} users.`);

  // Tokens: owners spread unevenly (a few own most), creation across the last year. Written with
  // plain prepared statements: at this count the query builder's per-row cost dominates.
  const tokenInsert = db.$client.prepare(
    `insert into api_tokens (id, title, description, type, secret_ciphertext, public_key_pem, public_key_fingerprint, creator_id, created_at, expires_on, device_scope, device_group_id, device_group_name, revoked_at, last_used_at, expired_recorded_at)
     values (@id, @title, @description, @type, @secretCiphertext, @publicKeyPem, @publicKeyFingerprint, @creatorId, @createdAt, @expiresOn, @deviceScope, @deviceGroupId, @deviceGroupName, @revokedAt, @lastUsedAt, @expiredRecordedAt)`,
  );
  const permissionInsert = db.$client.prepare("insert into token_permissions (token_id, permission) values (?, ?)");
  const ipInsert = db.$client.prepare("insert into token_allowed_ips (token_id, cidr, position) values (?, ?, ?)");
  const tokenEvents: PendingEvent[] = [];
  const insertTokens = db.$client.transaction((rows: { token: TokenRow; permissions: string[]; ips: string[] }[]) => {
    for (const r of rows) {
      tokenInsert.run(r.token);
      for (const permission of r.permissions) permissionInsert.run(r.token.id, permission);
      r.ips.forEach((cidr, position) => ipInsert.run(r.token.id, cidr, position));
    }
  });
  const byStatus: Record<string, number> = { active: 0, expired: 0, revoked: 0, suspended: 0 };
  // The create form's own schema, as of the day each token was made (built once: zod compiles it).
  let asOf = new Date(now);
  const createSchema = makeCreateTokenSchema(() => asOf);
  let batch: { token: TokenRow; permissions: string[]; ips: string[] }[] = [];
  for (let i = 0; i < plan.tokens; i++) {
    const owner = makers[Math.floor(makers.length * rand() ** 2.5)];
    // More tokens made lately than a year ago, as an installation grows.
    const createdAt = now - Math.floor(rand() ** 1.5 * YEAR) - 60_000;
    const created = new Date(createdAt);
    const lifetime = pick([7, 30, 90, 90, 180, 365, 365, 365]);
    const expiresOn = addDaysIso(expiryCutoff(createdAt), lifetime);
    const wanted = owner.permissions.filter((p) => p.endsWith(".view") || rand() < 0.5);
    const ipCount = rand() < 0.45 ? 0 : 1 + Math.floor(rand() * 3);
    const allowedIps = Array.from({ length: ipCount }, (_, k) => (k === 0 && rand() < 0.5 ? `203.0.113.${1 + ((i + k) % 254)}` : `10.${(i >> 8) & 255}.${(i + k) & 255}.0/24`));
    const uploaded = rand() < 0.05;
    const title = `${pick(SERVICES)} ${pick(ENVIRONMENTS)} ${i} (${tag})`;
    asOf = created;
    const values = createSchema.parse({
      title,
      description: rand() < 0.3 ? `Used by the ${title.split(" ")[0]} job.` : "",
      tokenType: uploaded ? "public_key" : "generated",
      publicKey: uploaded ? crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "pem" }).toString() : null,
      expiresOn,
      timeZone: "UTC",
      permissions: wanted.length ? wanted : owner.permissions,
      allowedIps,
      confirmOpenRange: false,
    });
    // lib/data's rule: nothing beyond the creator's role; an uploaded key confirmed as the create action does.
    if (beyondRole(values.permissions, owner.permissions).length) throw new Error(`Token ${i} would exceed its creator's role.`);
    const key = values.publicKey ? confirmPublicKey(values.publicKey) : null;
    if (key && !key.ok) throw new Error(`Token ${i}: ${key.message}`);
    const id = crypto.randomUUID();
    const scope = deviceScopeFor(owner.groups);
    const revoked = rand() < 0.08;
    const revokedAt = revoked ? createdAt + Math.floor(rand() * Math.min(now - createdAt, lifetime * DAY)) : null;
    const expired = values.expiresOn < expiryCutoff(now);
    // Recorded by the scheduler's next minutely pass after the last valid day.
    const expiredAt = Math.min(now, Date.parse(`${values.expiresOn}T23:59:59.999Z`) + 1 + 60_000);
    const recordedExpiry = expired && !(revokedAt !== null && revokedAt < expiredAt);
    const lastUsedAt = rand() < 0.6 ? createdAt + Math.floor(rand() * Math.max(1, Math.min(now, revokedAt ?? now, expiredAt) - createdAt)) : null;
    batch.push({
      token: {
        id,
        title: values.title,
        description: values.description,
        type: values.tokenType,
        secretCiphertext: values.tokenType === "generated" ? encryptTokenSecret(id, generateSecret()) : null,
        publicKeyPem: key?.ok ? key.pem : null,
        publicKeyFingerprint: key?.ok ? key.fingerprint : null,
        creatorId: owner.actor.id,
        createdAt,
        expiresOn: values.expiresOn,
        deviceScope: scope.scope,
        deviceGroupId: scope.groupId,
        deviceGroupName: scope.groupName,
        revokedAt,
        lastUsedAt,
        expiredRecordedAt: recordedExpiry ? expiredAt : null,
      },
      permissions: values.permissions,
      ips: values.allowedIps,
    });
    byStatus[revokedAt !== null ? "revoked" : expired ? "expired" : owner.suspended ? "suspended" : "active"]++;
    const userActor = { actorType: "user" as const, actorId: owner.actor.id, actorLabel: owner.actor.email, sourceIp: `198.51.100.${1 + (i % 200)}` };
    const target = { targetType: "token", targetId: id, targetLabel: values.title, tokenOwnerId: owner.actor.id };
    tokenEvents.push({
      at: createdAt,
      ...userActor,
      ...target,
      action: "token.created",
      details: { title: values.title, type: values.tokenType, expiresOn: values.expiresOn, permissions: values.permissions, allowedIps: values.allowedIps.length, deviceGroup: scope.groupName },
    });
    if (revokedAt !== null) tokenEvents.push({ at: revokedAt, ...userActor, ...target, action: "token.revoked", details: null });
    if (recordedExpiry) {
      tokenEvents.push({ at: expiredAt, actorType: "system", actorId: null, actorLabel: "Keyward", sourceIp: null, ...target, action: "token.expired", details: { expiresOn: values.expiresOn } });
    }
    if (batch.length === TOKEN_BATCH) {
      insertTokens(batch);
      batch = [];
    }
  }
  insertTokens(batch);
  log(`Added ${plan.tokens} tokens.`);

  // A year of events, oldest first so ids rise with time as in real use: the tokens' own events
  // merged with sign-ins, failures, edits and the rest of what the console records.
  tokenEvents.sort((a, b) => a.at - b.at);
  const filler = Math.max(0, plan.events - tokenEvents.length);
  const start = now - YEAR;
  const step = YEAR / Math.max(1, filler);
  const fillerEvent = (k: number): PendingEvent => {
    const at = Math.floor(start + k * step);
    const o = owners[Math.floor(owners.length * rand() ** 2)];
    const ip = `198.51.100.${1 + (k % 200)}`;
    const userActor = { actorType: "user" as const, actorId: o.actor.id, actorLabel: o.actor.email, sourceIp: ip };
    const r = rand();
    if (r < 0.35) return { at, ...userActor, action: "user.signed_in", targetType: "user", targetId: o.actor.id, targetLabel: o.actor.email, details: null };
    if (r < 0.45) return { at, actorType: "anonymous", actorId: null, actorLabel: o.actor.email, sourceIp: ip, action: "user.sign_in_failed", targetType: null, targetId: null, targetLabel: null, details: { email: o.actor.email } };
    if (r < 0.7) {
      const tokenId = crypto.randomUUID();
      return {
        at,
        actorType: "anonymous",
        actorId: null,
        actorLabel: "API client",
        sourceIp: ip,
        action: "api.auth_failed",
        targetType: "token",
        targetId: tokenId,
        targetLabel: null,
        details: { count: 1 + Math.floor(rand() * 20), codes: [pick(["SIGNATURE_INVALID", "REQUEST_EXPIRED", "IP_NOT_ALLOWED", "TOKEN_REVOKED"])], ips: [ip], minute: new Date(at - (at % 60_000)).toISOString() },
      };
    }
    const title = `${pick(SERVICES)} ${pick(ENVIRONMENTS)} old ${k}`;
    const target = { targetType: "token", targetId: crypto.randomUUID(), targetLabel: title };
    if (r < 0.82) return { at, ...userActor, ...target, action: "token.updated", details: { expiresOn: { from: expiryCutoff(at), to: addDaysIso(expiryCutoff(at), 90) } } };
    if (r < 0.9) return { at, ...userActor, ...target, action: "token.updated", details: { allowedIps: { added: [displayCidr(`10.9.${k & 255}.0/24`)], removed: [] } } };
    if (r < 0.95) return { at, ...userActor, ...target, action: "token.deleted", details: { status: pick(["revoked", "expired"]), createdBy: o.actor.email } };
    const adminActor = { actorType: "user" as const, actorId: admin.id, actorLabel: admin.email, sourceIp: ip };
    const other = pick(owners);
    const people = { targetType: "user", targetId: other.actor.id, targetLabel: other.actor.email };
    if (r < 0.96) return { at, ...adminActor, ...people, action: "user.updated", details: { oldRole: pick(ROLE_SHAPES).name, newRole: pick(ROLE_SHAPES).name } };
    if (r < 0.97) return { at, ...adminActor, ...people, action: "user.suspended", details: { sessionsEnded: Math.floor(rand() * 3) } };
    if (r < 0.98) return { at, ...adminActor, ...people, action: "user.reactivated", details: null };
    if (r < 0.985) return { at, ...adminActor, action: "user.created", targetType: "user", targetId: crypto.randomUUID(), targetLabel: `former-${k}@example.com`, details: { name: `Former user ${k}`, role: pick(ROLE_SHAPES).name, deviceGroups: [] } };
    if (r < 0.99) return { at, ...adminActor, action: "user.deleted", targetType: "user", targetId: crypto.randomUUID(), targetLabel: `former-${k}@example.com`, details: { name: `Former user ${k}`, role: pick(ROLE_SHAPES).name, tokensDeleted: Math.floor(rand() * 4) } };
    const role = { targetType: "role", targetId: String(pick(roleIds)), targetLabel: pick(ROLE_SHAPES).name };
    if (r < 0.995) return { at, ...adminActor, ...role, action: "role.updated", details: { added: ["device-reports.view"], removed: [] } };
    if (r < 0.9975) return { at, ...adminActor, action: "role.created", targetType: "role", targetId: String(10_000 + k), targetLabel: `Project ${k}`, details: { permissions: ["api-credentials.view"] } };
    return { at, ...adminActor, action: "role.deleted", targetType: "role", targetId: String(10_000 + k), targetLabel: `Project ${k}`, details: { permissions: ["api-credentials.view"] } };
  };
  const eventInsert = db.$client.prepare(
    "insert into events (at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, source_ip, details, token_owner_id) values (@at, @actorType, @actorId, @actorLabel, @action, @targetType, @targetId, @targetLabel, @sourceIp, @details, @tokenOwnerId)",
  );
  const insertEvents = db.$client.transaction((rows: PendingEvent[]) => {
    // The filler's token events name tokens that never existed here, so they have no owner (as recordEvent would find).
    for (const e of rows) eventInsert.run({ ...e, tokenOwnerId: e.tokenOwnerId ?? null, details: e.details === null ? null : JSON.stringify(e.details) });
  });
  let pending: PendingEvent[] = [];
  let t = 0;
  for (let k = 0; k < filler || t < tokenEvents.length; ) {
    const next = k < filler ? fillerEvent(k) : null;
    // Token events due before this filler event go first.
    while (t < tokenEvents.length && (next === null || tokenEvents[t].at <= next.at)) pending.push(tokenEvents[t++]);
    if (next) {
      pending.push(next);
      k++;
    }
    if (pending.length >= EVENT_BATCH) {
      insertEvents(pending);
      pending = [];
    }
  }
  insertEvents(pending);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.exec("ANALYZE");
  log(`Added ${filler + tokenEvents.length} events.`);
  return { ...plan, events: filler + tokenEvents.length, byStatus, seconds: (performance.now() - started) / 1000 };
}
