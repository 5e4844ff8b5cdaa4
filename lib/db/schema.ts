import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`);

// ---- Console users and sessions (tables owned by better-auth, plus our columns) ----

export const roles = sqliteTable(
  "roles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    builtIn: integer("built_in", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("roles_name_nocase").on(sql`lower(${t.name})`)],
);

export const rolePermissions = sqliteTable(
  "role_permissions",
  {
    roleId: integer("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    permission: text("permission").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

export const user = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`),
  // Keyward's own columns: better-auth never writes them, so their defaults apply.
  roleId: integer("role_id").references(() => roles.id, { onDelete: "restrict" }),
  status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
  lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
  // The console language the user chose (Language in the user menu); null follows the browser.
  language: text("language", { enum: ["en", "ja"] }),
  // The browser's language at the last sign-in: notices use it when the user never chose one.
  browserLanguage: text("browser_language", { enum: ["en", "ja"] }),
});

export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = sqliteTable("verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`),
});

export const deviceGroups = sqliteTable("device_groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
});

export const userDeviceGroups = sqliteTable(
  "user_device_groups",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    deviceGroupId: integer("device_group_id")
      .notNull()
      .references(() => deviceGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceGroupId] })],
);

// ---- API tokens ----

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(), // UUID, public
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", { enum: ["generated", "public_key"] }).notNull(),
    // AES-256-GCM(nonce ‖ tag ‖ ciphertext), AAD = token ID; null for uploaded keys.
    secretCiphertext: blob("secret_ciphertext", { mode: "buffer" }),
    publicKeyPem: text("public_key_pem"),
    publicKeyFingerprint: text("public_key_fingerprint"),
    creatorId: text("creator_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    // Calendar date YYYY-MM-DD; valid until 23:59:59.999 UTC of that date.
    expiresOn: text("expires_on").notNull(),
    // 'all': creator had no device group; 'group': exactly one (snapshot); 'none': several.
    deviceScope: text("device_scope", { enum: ["all", "group", "none"] }).notNull(),
    deviceGroupId: integer("device_group_id").references(() => deviceGroups.id, {
      onDelete: "set null",
    }),
    deviceGroupName: text("device_group_name"),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    expiredRecordedAt: integer("expired_recorded_at", { mode: "timestamp_ms" }),
    // Which credential (secret or public key) is current: 1 at creation, +1 per rotation. Access
    // tokens carry it (claim "cv"), so those issued from a replaced credential can be told apart.
    credentialVersion: integer("credential_version").notNull().default(1),
    // When the current secret or key was set; null means at creation (created_at).
    secretCreatedAt: integer("secret_created_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // The token list's orders, each covering what its status filters read (revoked_at,
    // expires_on, creator_id), so a page, a deep page and a count walk one index and sort
    // nothing. Everyone's tokens for a System Administrator, then one creator's for anyone else.
    index("api_tokens_list_created_idx").on(sql`${t.createdAt} desc`, t.id, t.revokedAt, t.expiresOn, t.creatorId),
    index("api_tokens_list_expiry_asc_idx").on(t.expiresOn, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.creatorId),
    index("api_tokens_list_expiry_desc_idx").on(sql`${t.expiresOn} desc`, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.creatorId),
    index("api_tokens_creator_idx").on(t.creatorId, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.expiresOn),
    index("api_tokens_creator_expiry_asc_idx").on(t.creatorId, t.expiresOn, sql`${t.createdAt} desc`, t.id, t.revokedAt),
    index("api_tokens_creator_expiry_desc_idx").on(t.creatorId, sql`${t.expiresOn} desc`, sql`${t.createdAt} desc`, t.id, t.revokedAt),
    index("api_tokens_expires_idx").on(t.expiresOn),
    // Only live tokens whose expiry is not yet recorded: the scheduler's minutely pass reads the
    // due ones from here instead of walking every past expiry.
    index("api_tokens_expiry_due_idx").on(t.expiresOn).where(sql`${t.expiredRecordedAt} is null and ${t.revokedAt} is null`),
  ],
);

/**
 * The credential a rotation replaced, while its overlap runs (lib/rotation). The token ID is the
 * key, so a token has at most one. The secret is AES-256-GCM under the master key exactly like
 * api_tokens.secret_ciphertext (AAD = token ID: it is the same blob, moved). The row is deleted
 * (the secret erased) when the overlap ends: by the scheduler, End overlap now, or the next rotation.
 */
export const tokenPreviousCredentials = sqliteTable(
  "token_previous_credentials",
  {
    tokenId: text("token_id")
      .primaryKey()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    secretCiphertext: blob("secret_ciphertext", { mode: "buffer" }),
    publicKeyPem: text("public_key_pem"),
    publicKeyFingerprint: text("public_key_fingerprint"),
    /** The api_tokens.credential_version this credential had while it was current. */
    version: integer("version").notNull(),
    /** When that credential was set (its "secret created"). */
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** The end of the overlap: from this instant on it no longer verifies. */
    worksUntil: integer("works_until", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("token_previous_credentials_until_idx").on(t.worksUntil)],
);

/**
 * Rotation campaigns (PRODUCT "Rotation campaigns", lib/rotation/campaigns.ts): a System
 * Administrator requires the tokens in a scope to be rotated by a deadline. `status` moves
 * starting → active → completed, or to cancelled; `deadline_at` is 23:59:59 UTC of the deadline
 * date; `forced_at` is set by Rotate the rest now, after which the deadline action applies at once.
 * The *_queued_at columns record that every announcement or reminder of the campaign is in the
 * outbox, so later passes skip it (each notice also has its own dedupe key).
 */
export const rotationCampaigns = sqliteTable(
  "rotation_campaigns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    reason: text("reason").notNull(),
    scopeKind: text("scope_kind", { enum: ["all", "older_than", "users"] }).notNull(),
    /** For "older_than": the secret's minimum age in days. */
    scopeDays: integer("scope_days"),
    /** For "users": the chosen users' IDs. */
    scopeUserIds: text("scope_user_ids", { mode: "json" }).$type<string[]>(),
    deadlineOn: text("deadline_on").notNull(), // YYYY-MM-DD
    deadlineAt: integer("deadline_at", { mode: "timestamp_ms" }).notNull(),
    action: text("action", { enum: ["rotate", "revoke"] }).notNull(),
    status: text("status", { enum: ["starting", "active", "completed", "cancelled"] }).notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: createdAt(),
    forcedAt: integer("forced_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    announcedAt: integer("announced_at", { mode: "timestamp_ms" }),
    reminder7QueuedAt: integer("reminder7_queued_at", { mode: "timestamp_ms" }),
    reminder1QueuedAt: integer("reminder1_queued_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("rotation_campaigns_status_idx").on(t.status, t.deadlineAt)],
);

/**
 * The tokens a campaign enrolled when it started (its snapshot), one row each, with what happened
 * to them. No foreign key to api_tokens: the row (title and owner as enrolled) outlives a deleted
 * token, so the campaign's totals never shrink. `state`: pending → rotated (by its owner),
 * rotated_auto or revoked (by the campaign), or ended (revoked, expired or deleted otherwise
 * before the deadline). The guarded UPDATE from pending is each token's claim, so the deadline
 * acts on a token exactly once however often a pass is restarted.
 */
export const rotationCampaignTokens = sqliteTable(
  "rotation_campaign_tokens",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => rotationCampaigns.id, { onDelete: "cascade" }),
    tokenId: text("token_id").notNull(),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    /** Used in the 30 days before the start: decides which announcement the owner gets. */
    usedRecently: integer("used_recently", { mode: "boolean" }).notNull(),
    state: text("state", { enum: ["pending", "rotated", "rotated_auto", "revoked", "ended"] }).notNull().default("pending"),
    actedAt: integer("acted_at", { mode: "timestamp_ms" }),
    /** After an automatic rotation: the credential version whose secret the owner may reveal once. */
    revealVersion: integer("reveal_version"),
    revealedAt: integer("revealed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.tokenId] }),
    index("rotation_campaign_tokens_state_idx").on(t.campaignId, t.state, t.tokenId),
    index("rotation_campaign_tokens_token_idx").on(t.tokenId, t.state),
    index("rotation_campaign_tokens_owner_idx").on(t.ownerId, t.state),
    // A campaign's owners in order, each one's titles in order: the announcements and reminders
    // read a batch of owners as one index range, without sorting the campaign's tokens.
    index("rotation_campaign_tokens_campaign_owner_idx").on(t.campaignId, t.ownerId, t.title, t.state),
  ],
);

export const tokenPermissions = sqliteTable(
  "token_permissions",
  {
    tokenId: text("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    permission: text("permission").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.permission] })],
);

export const tokenAllowedIps = sqliteTable(
  "token_allowed_ips",
  {
    tokenId: text("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    cidr: text("cidr").notNull(), // normalised, e.g. 10.0.0.0/24 or 2001:db8::/32
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.cidr] })],
);

// ---- Events (append-only) ----

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorType: text("actor_type", { enum: ["user", "token", "system", "anonymous", "campaign"] }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    sourceIp: text("source_ip"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    // For an event about a token: who created that token (its creator never changes), also once
    // the token is deleted. A viewer who is not a System Administrator sees the events about
    // their tokens through events_token_owner_idx, newest first, instead of gathering every
    // event of every token they made and sorting them.
    tokenOwnerId: text("token_owner_id"),
  },
  (t) => [
    index("events_at_idx").on(t.at),
    index("events_action_idx").on(t.action, t.id),
    index("events_actor_idx").on(t.actorId, t.id),
    index("events_target_idx").on(t.targetId, t.id),
    index("events_token_owner_idx").on(t.tokenOwnerId, t.id),
    // An action filter beside an actor, a target or a viewer's stream: the pair is one range in
    // id order, instead of one column's events walked to the end when the pair matches nothing.
    index("events_actor_action_idx").on(t.actorId, t.action, t.id),
    index("events_target_action_idx").on(t.targetId, t.action, t.id),
    index("events_token_owner_action_idx").on(t.tokenOwnerId, t.action, t.id),
  ],
);

// ---- Notifications ----

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // e.g. "token.created:<tokenId>:<recipient>": a notice is queued once, ever.
    dedupeKey: text("dedupe_key").notNull().unique(),
    kind: text("kind").notNull(),
    tokenId: text("token_id"),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed", "kept"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("outbox_status_idx").on(t.status, t.nextAttemptAt)],
);

// ---- Sample API data (seeded) ----

export const devices = sqliteTable(
  "devices",
  {
    uid: text("uid").primaryKey(),
    esn: text("esn").notNull(),
    name: text("name").notNull(),
    serial: text("serial").notNull(),
    os: text("os").notNull(),
    deviceGroupId: integer("device_group_id")
      .notNull()
      .references(() => deviceGroups.id, { onDelete: "cascade" }),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    latitude: real("latitude"),
    longitude: real("longitude"),
    address: text("address"),
    missing: integer("missing", { mode: "boolean" }).notNull().default(false),
    frozen: integer("frozen", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("devices_group_name_idx").on(t.deviceGroupId, t.name, t.uid)],
);

export const reachScripts = sqliteTable("reach_scripts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
});

export const freezeMessages = sqliteTable("freeze_messages", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  content: text("content").notNull(),
});

export const freezeRequests = sqliteTable("freeze_requests", {
  id: text("id").primaryKey(),
  tokenId: text("token_id").notNull(),
  messageId: text("message_id"),
  deviceUids: text("device_uids", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: createdAt(),
});

export const missingReports = sqliteTable("missing_reports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  deviceUid: text("device_uid")
    .notNull()
    .references(() => devices.uid, { onDelete: "cascade" }),
  tokenId: text("token_id").notNull(),
  createdAt: createdAt(),
});

// ---- Token exchange (OAuth) ----

/**
 * Keyward's own ES256 signing keys for access and ID tokens. The private key (PKCS#8 PEM) is
 * AES-256-GCM under the master key with AAD "signing-key:<kid>"; the newest key signs, the
 * JWKS publishes the newest two.
 */
export const oauthSigningKeys = sqliteTable("oauth_signing_keys", {
  kid: text("kid").primaryKey(),
  privateKeyCiphertext: blob("private_key_ciphertext", { mode: "buffer" }).notNull(),
  publicJwk: text("public_jwk").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Exchanges per API token (throttled writes), and the time before which its access tokens are void. */
export const tokenExchanges = sqliteTable("token_exchanges", {
  tokenId: text("token_id")
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: "cascade" }),
  count: integer("count").notNull().default(0),
  lastExchangeAt: integer("last_exchange_at", { mode: "timestamp_ms" }),
  accessNotBefore: integer("access_not_before", { mode: "timestamp_ms" }),
});

/** Access tokens revoked one by one (RFC 7009), kept until they would have expired anyway. */
export const revokedAccessTokens = sqliteTable(
  "revoked_access_tokens",
  {
    jti: text("jti").primaryKey(),
    tokenId: text("token_id").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("revoked_access_tokens_expires_idx").on(t.expiresAt)],
);

/**
 * Failed sign-ins of the last window, for throttling failures (never successes) per account and
 * per address; in the database so every process counts the same failures. Pruned as it grows.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sign_in_failures_email_idx").on(t.email, t.at), index("sign_in_failures_ip_idx").on(t.ip, t.at), index("sign_in_failures_at_idx").on(t.at)],
);

/**
 * Signed requests (the SHA-256 of their signing input) and client-assertion jtis already
 * accepted, per API token, until they could no longer pass the time check anyway. In the
 * database, not in memory, so a restart or a second process on the same file still refuses a
 * replay: the primary key is the check (lib/api/replay.ts). No foreign key: rows outlive a
 * deleted token by minutes at most, and the check would cost every insert. Pruned by the scheduler.
 */
export const seenRequests = sqliteTable(
  "seen_requests",
  {
    tokenId: text("token_id").notNull(),
    key: text("key").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index("seen_requests_expires_idx").on(t.expiresAt)],
);

/**
 * How many seen_requests rows each token has, by the minute they expire in: the per-token cap
 * sums a token's unexpired minutes (a dozen rows) instead of counting its entries.
 */
export const seenRequestCounts = sqliteTable(
  "seen_request_counts",
  {
    tokenId: text("token_id").notNull(),
    expiresMinute: integer("expires_minute").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.expiresMinute] })],
);
