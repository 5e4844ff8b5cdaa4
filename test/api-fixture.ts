import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { createTempDb } from "@/test/temp-db";

// Shared by the lib/api unit tests: a fresh migrated + seeded database, and direct inserts of
// users, roles and tokens (the console's data layer is not what is under test here).

export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");

/** Must run before anything derives the master key. */
export function freshDatabase(): { db: Db; file: string } {
  process.env.KEYWARD_SECRET_KEY = TEST_MASTER_KEY;
  const { db, file } = createTempDb("keyward-api-");
  process.env.DATABASE_FILE = file;
  return { db, file };
}

export function insertRole(db: Db, permissions: readonly string[], name = `Role ${crypto.randomUUID()}`): number {
  const id = Number(db.$client.prepare(`INSERT INTO roles (name) VALUES (?)`).run(name).lastInsertRowid);
  setRolePermissions(db, id, permissions);
  return id;
}

export function setRolePermissions(db: Db, roleId: number, permissions: readonly string[]): void {
  db.$client.prepare(`DELETE FROM role_permissions WHERE role_id = ?`).run(roleId);
  const ins = db.$client.prepare(`INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)`);
  for (const p of permissions) ins.run(roleId, p);
}

export function insertUser(db: Db, roleId: number): string {
  const id = crypto.randomUUID();
  const now = Date.now();
  db.$client
    .prepare(`INSERT INTO "user" (id, name, email, email_verified, created_at, updated_at, role_id, status) VALUES (?, ?, ?, 0, ?, ?, ?, 'active')`)
    .run(id, "Test User", `${id}@example.com`, now, now, roleId);
  return id;
}

export function groupId(db: Db, name: string): number {
  return (db.$client.prepare(`SELECT id FROM device_groups WHERE name = ?`).get(name) as { id: number }).id;
}

export interface TestToken {
  id: string;
  secret?: string;
  privateKey?: crypto.KeyObject;
  publicKeyPem?: string;
}

export function insertToken(
  db: Db,
  o: {
    creatorId: string;
    type?: "generated" | "public_key";
    permissions: readonly string[];
    expiresOn?: string;
    deviceScope?: "all" | "group" | "none";
    deviceGroupId?: number | null;
    allowedIps?: readonly string[];
    id?: string;
    secret?: string;
  },
): TestToken {
  const id = o.id ?? crypto.randomUUID();
  const type = o.type ?? "generated";
  const token: TestToken = { id };
  let ciphertext: Buffer | null = null;
  if (type === "generated") {
    token.secret = o.secret ?? `kwsk_${crypto.randomBytes(32).toString("base64url")}`;
    ciphertext = encryptTokenSecret(id, token.secret);
  } else {
    const pair = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    token.privateKey = pair.privateKey;
    token.publicKeyPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
  }
  db.$client
    .prepare(
      `INSERT INTO api_tokens (id, title, description, type, secret_ciphertext, public_key_pem, creator_id, expires_on, device_scope, device_group_id)
       VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, `Token ${id.slice(0, 8)}`, type, ciphertext, token.publicKeyPem ?? null, o.creatorId, o.expiresOn ?? "2030-12-31", o.deviceScope ?? "all", o.deviceGroupId ?? null);
  const perm = db.$client.prepare(`INSERT INTO token_permissions (token_id, permission) VALUES (?, ?)`);
  for (const p of o.permissions) perm.run(id, p);
  const ip = db.$client.prepare(`INSERT INTO token_allowed_ips (token_id, cidr, position) VALUES (?, ?, ?)`);
  (o.allowedIps ?? []).forEach((c, i) => ip.run(id, c, i));
  return token;
}
