import "server-only";
import { and, asc, eq, type SQL } from "drizzle-orm";
import { getKeywardDb, type KeywardDb, type Queries } from "@/lib/db/database";
import { apiTokens, tokenAllowedIps, tokenPermissions, tokenPreviousCredentials, user } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { pemFingerprint } from "@/lib/crypto/public-key-server";
import type { Actor } from "@/lib/domain/actor";
import { displayCidr } from "@/lib/domain/ip-allowlist";
import { normalizePermissions, type Permission } from "@/lib/domain/permissions";
import { makeExtendExpirySchema } from "@/lib/domain/token-schemas";
import { clock } from "@/lib/domain/clock";
import { tokenStatus, type TokenStatus } from "@/lib/domain/token-status";
import { msg } from "@/lib/domain/message";
import type { EventAction } from "@/lib/domain/event-actions";
import { recordEvent, type EventActor } from "./record-event";
import { settleCampaignTokens } from "./campaign-tokens";

export interface TokenDetailsDto {
  id: string;
  title: string;
  description: string;
  type: "generated" | "public_key";
  publicKeyFingerprint: string | null;
  createdBy: { name: string; email: string };
  createdAt: string;
  expiresOn: string;
  lastUsedAt: string | null;
  deviceGroup: string | null;
  /** How the device group was chosen, so the console can name "all" and "none" in the viewer's language. */
  deviceScope: "group" | "all" | "none";
  permissions: Permission[];
  /** Display form: single addresses without /32 or /128. */
  allowedIps: string[];
  status: TokenStatus;
  /** When the current secret (or key) was set: at creation or by the last rotation. */
  secretCreatedAt: string;
  /** The replaced credential while its overlap runs; null otherwise (also once the overlap's end has passed). */
  previousCredential: { worksUntil: string; lastUsedAt: string | null } | null;
}

export const TOKEN_NOT_FOUND = msg("tokenRules.notFound");

/**
 * The owner goes in every WHERE: a user who is not a System Administrator never reaches
 * another user's token, even by its ID, and gets the same answer as for a missing one.
 */
function ownedBy(actor: Actor, tokenId: string): SQL {
  return actor.isSystemAdmin ? eq(apiTokens.id, tokenId) : and(eq(apiTokens.id, tokenId), eq(apiTokens.creatorId, actor.id))!;
}

async function selectToken(db: Queries, actor: Actor, tokenId: string) {
  const [row] = await db.q
    .select({
      id: apiTokens.id,
      title: apiTokens.title,
      description: apiTokens.description,
      type: apiTokens.type,
      publicKeyPem: apiTokens.publicKeyPem,
      publicKeyFingerprint: apiTokens.publicKeyFingerprint,
      creatorName: user.name,
      creatorEmail: user.email,
      creatorStatus: user.status,
      createdAt: apiTokens.createdAt,
      expiresOn: apiTokens.expiresOn,
      lastUsedAt: apiTokens.lastUsedAt,
      deviceGroupName: apiTokens.deviceGroupName,
      deviceScope: apiTokens.deviceScope,
      revokedAt: apiTokens.revokedAt,
      creatorId: apiTokens.creatorId,
      credentialVersion: apiTokens.credentialVersion,
      secretCreatedAt: apiTokens.secretCreatedAt,
    })
    .from(apiTokens)
    .innerJoin(user, eq(user.id, apiTokens.creatorId))
    .where(ownedBy(actor, tokenId))
    .limit(1);
  return row;
}

async function allowedIpsOf(db: Queries, tokenId: string): Promise<string[]> {
  const rows = await db.q.select({ cidr: tokenAllowedIps.cidr }).from(tokenAllowedIps).where(eq(tokenAllowedIps.tokenId, tokenId)).orderBy(asc(tokenAllowedIps.position));
  return rows.map((r) => r.cidr);
}

/** Everything the token page shows, or null when the actor may not see the token. Never secrets. */
export async function getTokenDetails({
  actor,
  tokenId,
  now = clock.now(),
  db = getKeywardDb(),
}: {
  actor: Actor;
  tokenId: string;
  now?: number;
  db?: Queries;
}): Promise<TokenDetailsDto | null> {
  const t = await selectToken(db, actor, tokenId);
  if (!t) return null;
  const permissions = await db.q.select({ p: tokenPermissions.permission }).from(tokenPermissions).where(eq(tokenPermissions.tokenId, tokenId));
  const [previous] = await db.q
    .select({ worksUntil: tokenPreviousCredentials.worksUntil, lastUsedAt: tokenPreviousCredentials.lastUsedAt })
    .from(tokenPreviousCredentials)
    .where(eq(tokenPreviousCredentials.tokenId, tokenId))
    .limit(1);
  const allowedIps = await allowedIpsOf(db, tokenId);
  // A row the scheduler has not erased yet is already over: shown as over, like the API treats it.
  const live = previous && previous.worksUntil.getTime() > now ? previous : null;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    type: t.type,
    publicKeyFingerprint: t.type === "public_key" ? (t.publicKeyFingerprint ?? (t.publicKeyPem ? pemFingerprint(t.publicKeyPem) : null)) : null,
    createdBy: { name: t.creatorName, email: t.creatorEmail },
    createdAt: t.createdAt.toISOString(),
    expiresOn: t.expiresOn,
    lastUsedAt: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
    deviceGroup: t.deviceGroupName,
    deviceScope: t.deviceScope,
    permissions: normalizePermissions(permissions.map((p) => p.p)),
    allowedIps: allowedIps.map(displayCidr),
    status: tokenStatus({ expiresOn: t.expiresOn, revokedAt: t.revokedAt, creatorStatus: t.creatorStatus }, now),
    secretCreatedAt: (t.secretCreatedAt ?? t.createdAt).toISOString(),
    previousCredential: live ? { worksUntil: live.worksUntil.toISOString(), lastUsedAt: live.lastUsedAt ? live.lastUsedAt.toISOString() : null } : null,
  };
}

/** Which token a change is for, by whom, and when (the shared clock unless a test says otherwise). */
export interface TokenRef {
  actor: Actor;
  tokenId: string;
  now?: number;
  db?: KeywardDb;
}

export type TokenRow = NonNullable<Awaited<ReturnType<typeof selectToken>>>;

/**
 * Runs one change to a token the actor may see, in one write transaction with its event.
 * With `activeOnly` the token must be Active: an Expired, Revoked or Suspended token is
 * read-only (it can only be deleted), refused with `readOnly`'s message (a message key).
 * `record` writes the change's token.* event.
 */
export async function changeToken<T>(
  ref: TokenRef,
  activeOnly: boolean,
  change: (c: { tx: Queries; token: TokenRow; status: TokenStatus; now: number; record: (action: EventAction, details?: Record<string, unknown>) => Promise<void> }) => Promise<T>,
  readOnly: (status: TokenStatus) => string = (status) => msg("tokenRules.readOnly", { status }),
): Promise<T> {
  const { actor, tokenId } = ref;
  const now = ref.now ?? clock.now();
  return (ref.db ?? getKeywardDb()).transaction(async (tx) => {
    const token = await selectToken(tx, actor, tokenId);
    if (!token) throw new NotFoundError(TOKEN_NOT_FOUND);
    const status = tokenStatus({ expiresOn: token.expiresOn, revokedAt: token.revokedAt, creatorStatus: token.creatorStatus }, now);
    if (activeOnly && status !== "active") {
      throw new ConflictError(readOnly(status));
    }
    const eventActor: EventActor = { type: "user", id: actor.id, label: actor.email };
    const record = (action: EventAction, details?: Record<string, unknown>) =>
      recordEvent(tx, { actor: eventActor, action, target: { type: "token", id: tokenId, label: token.title }, sourceIp: actor.ip, at: new Date(now), details });
    return change({ tx, token, status, now, record });
  });
}

/** The extension rule, shared with the dialog: later than the current date, at most one year from today. */
export function extensionError(currentExpiresOn: string, newExpiresOn: string, timeZone: string, now: number): string | null {
  const r = makeExtendExpirySchema(currentExpiresOn, new Date(now)).safeParse({ expiresOn: newExpiresOn, timeZone });
  return r.success ? null : r.error.issues[0].message;
}

export async function extendTokenExpiry(ref: TokenRef & { expiresOn: string; timeZone: string }): Promise<{ expiresOn: string }> {
  const { actor, tokenId, expiresOn, timeZone } = ref;
  return changeToken(ref, true, async ({ tx, token, now, record }) => {
    const error = extensionError(token.expiresOn, expiresOn, timeZone, now);
    if (error) throw new ValidationError(msg("errors.fieldsNeedAttention"), { expiresOn: [error] });
    await tx.q.update(apiTokens).set({ expiresOn }).where(ownedBy(actor, tokenId));
    await record("token.updated", { expiresOn: { from: token.expiresOn, to: expiresOn } });
    return { expiresOn };
  });
}

/** Replaces the allowed IPs (normalised CIDRs, in order); records what was added and removed. */
export async function updateTokenAllowedIps(ref: TokenRef & { allowedIps: readonly string[] }): Promise<{ allowedIps: string[]; changed: boolean }> {
  const { tokenId } = ref;
  return changeToken(ref, true, async ({ tx, record }) => {
    const before = await allowedIpsOf(tx, tokenId);
    const next = [...new Set(ref.allowedIps)];
    const added = next.filter((c) => !before.includes(c));
    const removed = before.filter((c) => !next.includes(c));
    const reordered = !added.length && !removed.length && before.join() !== next.join();
    if (!added.length && !removed.length && !reordered) return { allowedIps: next.map(displayCidr), changed: false };
    await tx.q.delete(tokenAllowedIps).where(eq(tokenAllowedIps.tokenId, tokenId));
    if (next.length) await tx.q.insert(tokenAllowedIps).values(next.map((cidr, position) => ({ tokenId, cidr, position })));
    if (added.length || removed.length) {
      await record("token.updated", { allowedIps: { added: added.map(displayCidr), removed: removed.map(displayCidr) } });
    }
    return { allowedIps: next.map(displayCidr), changed: true };
  });
}

/** Revokes at once: the API checks revoked_at on every request. */
export async function revokeToken(ref: TokenRef): Promise<void> {
  await changeToken(ref, true, async ({ tx, now, record }) => {
    await tx.q.update(apiTokens).set({ revokedAt: new Date(now) }).where(ownedBy(ref.actor, ref.tokenId));
    await record("token.revoked");
    await settleCampaignTokens(tx, [ref.tokenId], "ended", now);
  });
}

/** Deletes a token in any status. Its permissions and IPs go with it (FK cascade); events stay. */
export async function deleteToken(ref: TokenRef): Promise<void> {
  await changeToken(ref, false, async ({ tx, token, status, now, record }) => {
    await tx.q.delete(apiTokens).where(ownedBy(ref.actor, ref.tokenId));
    await record("token.deleted", { status, createdBy: token.creatorEmail });
    await settleCampaignTokens(tx, [ref.tokenId], "ended", now);
  });
}
