import { sql } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as sqlite from "drizzle-orm/sqlite-core";

/**
 * The tables, described once (issue 14) and built for each dialect from a kit of column kinds.
 * What differs between SQLite and PostgreSQL is named here and nowhere else:
 * - an instant (`ms`) is epoch milliseconds in both, SQLite `integer` / PostgreSQL `bigint`, so raw
 *   SQL compares it with a number on either;
 * - `bool` is SQLite `integer` 0/1, PostgreSQL `boolean`;
 * - `bytes` is `blob` / `bytea`; `json` is text holding JSON / `json` (not `jsonb`: the text is kept as written, keys in their order, as on SQLite); `real` is `real` / `double precision`;
 * - `serial` is SQLite's `integer primary key autoincrement` / an identity column (by default, so
 *   a copy keeps its ids);
 * - `nowMs`, the default of a creation time, is each dialect's clock in milliseconds.
 * The search index and the change log of the token state are not tables of this description:
 * SQLite's are FTS5 and triggers in drizzle/, PostgreSQL's pg_trgm and LISTEN/NOTIFY in drizzle/pg/.
 * The code queries the SQLite-typed tables on both (their columns read either driver's values);
 * the PostgreSQL ones, the same shape, are what drizzle-kit generates drizzle/pg/ from.
 */
// The data layer builds its queries from the SQLite tables on either database (lib/db/schema.ts),
// so their columns read what each driver returns: better-sqlite3 an instant as a number and JSON as
// text; node-postgres a bigint as a string and json already parsed.
const sqliteInstant = sqlite.customType<{ data: Date; driverData: number | string }>({
  dataType: () => "integer",
  toDriver: (d) => d.getTime(),
  fromDriver: (v) => new Date(Number(v)),
});
const sqliteJson = sqlite.customType<{ data: unknown; driverData: string }>({
  dataType: () => "text",
  toDriver: (v) => JSON.stringify(v),
  fromDriver: (v) => (typeof v === "string" ? JSON.parse(v) : v),
});

const sqliteKit = {
  table: sqlite.sqliteTable,
  index: sqlite.index,
  uniqueIndex: sqlite.uniqueIndex,
  primaryKey: sqlite.primaryKey,
  serial: (name: string) => sqlite.integer(name).primaryKey({ autoIncrement: true }),
  text: sqlite.text,
  int: (name: string) => sqlite.integer(name),
  real: (name: string) => sqlite.real(name),
  ms: (name: string) => sqliteInstant(name),
  bool: (name: string) => sqlite.integer(name, { mode: "boolean" }),
  bytes: (name: string) => sqlite.blob(name, { mode: "buffer" }),
  json: (name: string) => sqliteJson(name),
  nowMs: sql`(cast(unixepoch('subsecond') * 1000 as integer))`,
};
type Kit = typeof sqliteKit;

const pgInstant = pg.customType<{ data: Date; driverData: string | number }>({
  dataType: () => "bigint",
  toDriver: (d) => d.getTime(),
  // node-postgres reads a bigint as a string: it cannot know it fits a double (epoch ms always do).
  fromDriver: (v) => new Date(Number(v)),
});
const pgBytes = pg.customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const pgKit = {
  table: pg.pgTable,
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
  serial: (name: string) => pg.integer(name).primaryKey().generatedByDefaultAsIdentity(),
  text: pg.text,
  int: (name: string) => pg.integer(name),
  real: (name: string) => pg.doublePrecision(name),
  ms: (name: string) => pgInstant(name),
  bool: (name: string) => pg.boolean(name),
  bytes: (name: string) => pgBytes(name),
  json: (name: string) => pg.json(name),
  nowMs: sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`,
};

function defineTables(k: Kit) {
  const createdAt = () => k.ms("created_at").notNull().default(k.nowMs);

  // ---- Console users and sessions (tables owned by better-auth, plus our columns) ----

  const roles = k.table(
    "roles",
    {
      id: k.serial("id"),
      name: k.text("name").notNull(),
      builtIn: k.bool("built_in").notNull().default(false),
      createdAt: createdAt(),
    },
    (t) => [k.uniqueIndex("roles_name_nocase").on(sql`lower(${t.name})`)],
  );

  const rolePermissions = k.table(
    "role_permissions",
    {
      roleId: k.int("role_id")
        .notNull()
        .references(() => roles.id, { onDelete: "cascade" }),
      permission: k.text("permission").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.roleId, t.permission] })],
  );

  const user = k.table("user", {
    id: k.text("id").primaryKey(),
    name: k.text("name").notNull(),
    email: k.text("email").notNull().unique(),
    emailVerified: k.bool("email_verified").notNull().default(false),
    image: k.text("image"),
    createdAt: createdAt(),
    updatedAt: k.ms("updated_at")
      .notNull()
      .default(k.nowMs),
    // Keyward's own columns: better-auth never writes them, so their defaults apply.
    roleId: k.int("role_id").references(() => roles.id, { onDelete: "restrict" }),
    status: k.text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
    lastSignInAt: k.ms("last_sign_in_at"),
    // The console language the user chose (Language in the user menu); null follows the browser.
    language: k.text("language", { enum: ["en", "ja"] }),
    // The browser's language at the last sign-in: notices use it when the user never chose one.
    browserLanguage: k.text("browser_language", { enum: ["en", "ja"] }),
  });

  const session = k.table(
    "session",
    {
      id: k.text("id").primaryKey(),
      expiresAt: k.ms("expires_at").notNull(),
      token: k.text("token").notNull().unique(),
      createdAt: createdAt(),
      updatedAt: k.ms("updated_at").notNull(),
      ipAddress: k.text("ip_address"),
      userAgent: k.text("user_agent"),
      userId: k.text("user_id")
        .notNull()
        .references(() => user.id, { onDelete: "cascade" }),
    },
    (t) => [k.index("session_user_idx").on(t.userId)],
  );

  const account = k.table(
    "account",
    {
      id: k.text("id").primaryKey(),
      accountId: k.text("account_id").notNull(),
      providerId: k.text("provider_id").notNull(),
      userId: k.text("user_id")
        .notNull()
        .references(() => user.id, { onDelete: "cascade" }),
      accessToken: k.text("access_token"),
      refreshToken: k.text("refresh_token"),
      idToken: k.text("id_token"),
      accessTokenExpiresAt: k.ms("access_token_expires_at"),
      refreshTokenExpiresAt: k.ms("refresh_token_expires_at"),
      scope: k.text("scope"),
      password: k.text("password"),
      createdAt: createdAt(),
      updatedAt: k.ms("updated_at").notNull(),
    },
    (t) => [k.index("account_user_idx").on(t.userId)],
  );

  const verification = k.table("verification", {
    id: k.text("id").primaryKey(),
    identifier: k.text("identifier").notNull(),
    value: k.text("value").notNull(),
    expiresAt: k.ms("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: k.ms("updated_at")
      .notNull()
      .default(k.nowMs),
  });

  const deviceGroups = k.table("device_groups", {
    id: k.serial("id"),
    name: k.text("name").notNull().unique(),
  });

  const userDeviceGroups = k.table(
    "user_device_groups",
    {
      userId: k.text("user_id")
        .notNull()
        .references(() => user.id, { onDelete: "cascade" }),
      deviceGroupId: k.int("device_group_id")
        .notNull()
        .references(() => deviceGroups.id, { onDelete: "cascade" }),
    },
    (t) => [k.primaryKey({ columns: [t.userId, t.deviceGroupId] })],
  );

  // ---- API tokens ----

  const apiTokens = k.table(
    "api_tokens",
    {
      id: k.text("id").primaryKey(), // UUID, public
      title: k.text("title").notNull(),
      description: k.text("description").notNull().default(""),
      type: k.text("type", { enum: ["generated", "public_key"] }).notNull(),
      // AES-256-GCM(nonce ‖ tag ‖ ciphertext), AAD = token ID; null for uploaded keys.
      secretCiphertext: k.bytes("secret_ciphertext"),
      publicKeyPem: k.text("public_key_pem"),
      publicKeyFingerprint: k.text("public_key_fingerprint"),
      creatorId: k.text("creator_id")
        .notNull()
        .references(() => user.id, { onDelete: "cascade" }),
      createdAt: createdAt(),
      // Calendar date YYYY-MM-DD; valid until 23:59:59.999 UTC of that date.
      expiresOn: k.text("expires_on").notNull(),
      // 'all': creator had no device group; 'group': exactly one (snapshot); 'none': several.
      deviceScope: k.text("device_scope", { enum: ["all", "group", "none"] }).notNull(),
      deviceGroupId: k.int("device_group_id").references(() => deviceGroups.id, {
        onDelete: "set null",
      }),
      deviceGroupName: k.text("device_group_name"),
      revokedAt: k.ms("revoked_at"),
      lastUsedAt: k.ms("last_used_at"),
      expiredRecordedAt: k.ms("expired_recorded_at"),
      // Which credential (secret or public key) is current: 1 at creation, +1 per rotation. Access
      // tokens carry it (claim "cv"), so those issued from a replaced credential can be told apart.
      credentialVersion: k.int("credential_version").notNull().default(1),
      // When the current secret or key was set; null means at creation (created_at).
      secretCreatedAt: k.ms("secret_created_at"),
    },
    (t) => [
      // The token list's orders, each covering what its status filters read (revoked_at,
      // expires_on, creator_id), so a page, a deep page and a count walk one index and sort
      // nothing. Everyone's tokens for a System Administrator, then one creator's for anyone else.
      k.index("api_tokens_list_created_idx").on(sql`${t.createdAt} desc`, t.id, t.revokedAt, t.expiresOn, t.creatorId),
      k.index("api_tokens_list_expiry_asc_idx").on(t.expiresOn, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.creatorId),
      k.index("api_tokens_list_expiry_desc_idx").on(sql`${t.expiresOn} desc`, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.creatorId),
      k.index("api_tokens_creator_idx").on(t.creatorId, sql`${t.createdAt} desc`, t.id, t.revokedAt, t.expiresOn),
      k.index("api_tokens_creator_expiry_asc_idx").on(t.creatorId, t.expiresOn, sql`${t.createdAt} desc`, t.id, t.revokedAt),
      k.index("api_tokens_creator_expiry_desc_idx").on(t.creatorId, sql`${t.expiresOn} desc`, sql`${t.createdAt} desc`, t.id, t.revokedAt),
      k.index("api_tokens_expires_idx").on(t.expiresOn),
      // Only live tokens whose expiry is not yet recorded: the scheduler's minutely pass reads the
      // due ones from here instead of walking every past expiry.
      k.index("api_tokens_expiry_due_idx").on(t.expiresOn).where(sql`${t.expiredRecordedAt} is null and ${t.revokedAt} is null`),
    ],
  );

  /**
   * The credential a rotation replaced, while its overlap runs (lib/rotation). The token ID is the
   * key, so a token has at most one. The secret is AES-256-GCM under the master key exactly like
   * api_tokens.secret_ciphertext (AAD = token ID: it is the same blob, moved). The row is deleted
   * (the secret erased) when the overlap ends: by the scheduler, End overlap now, or the next rotation.
   */
  const tokenPreviousCredentials = k.table(
    "token_previous_credentials",
    {
      tokenId: k.text("token_id")
        .primaryKey()
        .references(() => apiTokens.id, { onDelete: "cascade" }),
      secretCiphertext: k.bytes("secret_ciphertext"),
      publicKeyPem: k.text("public_key_pem"),
      publicKeyFingerprint: k.text("public_key_fingerprint"),
      /** The api_tokens.credential_version this credential had while it was current. */
      version: k.int("version").notNull(),
      /** When that credential was set (its "secret created"). */
      createdAt: k.ms("created_at").notNull(),
      /** The end of the overlap: from this instant on it no longer verifies. */
      worksUntil: k.ms("works_until").notNull(),
      lastUsedAt: k.ms("last_used_at"),
    },
    (t) => [k.index("token_previous_credentials_until_idx").on(t.worksUntil)],
  );

  /**
   * Rotation campaigns (PRODUCT "Rotation campaigns", lib/rotation/campaigns.ts): a System
   * Administrator requires the tokens in a scope to be rotated by a deadline. `status` moves
   * starting → active → completed, or to cancelled; `deadline_at` is 23:59:59 UTC of the deadline
   * date; `forced_at` is set by Rotate the rest now, after which the deadline action applies at once.
   * The *_queued_at columns record that every announcement or reminder of the campaign is in the
   * outbox, so later passes skip it (each notice also has its own dedupe key).
   */
  const rotationCampaigns = k.table(
    "rotation_campaigns",
    {
      id: k.serial("id"),
      name: k.text("name").notNull(),
      reason: k.text("reason").notNull(),
      scopeKind: k.text("scope_kind", { enum: ["all", "older_than", "users"] }).notNull(),
      /** For "older_than": the secret's minimum age in days. */
      scopeDays: k.int("scope_days"),
      /** For "users": the chosen users' IDs. */
      scopeUserIds: k.json("scope_user_ids").$type<string[]>(),
      deadlineOn: k.text("deadline_on").notNull(), // YYYY-MM-DD
      deadlineAt: k.ms("deadline_at").notNull(),
      action: k.text("action", { enum: ["rotate", "revoke"] }).notNull(),
      status: k.text("status", { enum: ["starting", "active", "completed", "cancelled"] }).notNull(),
      createdBy: k.text("created_by").references(() => user.id, { onDelete: "set null" }),
      createdByEmail: k.text("created_by_email").notNull(),
      createdAt: createdAt(),
      forcedAt: k.ms("forced_at"),
      endedAt: k.ms("ended_at"),
      announcedAt: k.ms("announced_at"),
      reminder7QueuedAt: k.ms("reminder7_queued_at"),
      reminder1QueuedAt: k.ms("reminder1_queued_at"),
    },
    (t) => [k.index("rotation_campaigns_status_idx").on(t.status, t.deadlineAt)],
  );

  /**
   * The tokens a campaign enrolled when it started (its snapshot), one row each, with what happened
   * to them. No foreign key to api_tokens: the row (title and owner as enrolled) outlives a deleted
   * token, so the campaign's totals never shrink. `state`: pending → rotated (by its owner),
   * rotated_auto or revoked (by the campaign), or ended (revoked, expired or deleted otherwise
   * before the deadline). The guarded UPDATE from pending is each token's claim, so the deadline
   * acts on a token exactly once however often a pass is restarted.
   */
  const rotationCampaignTokens = k.table(
    "rotation_campaign_tokens",
    {
      campaignId: k.int("campaign_id")
        .notNull()
        .references(() => rotationCampaigns.id, { onDelete: "cascade" }),
      tokenId: k.text("token_id").notNull(),
      ownerId: k.text("owner_id").notNull(),
      title: k.text("title").notNull(),
      /** Used in the 30 days before the start: decides which announcement the owner gets. */
      usedRecently: k.bool("used_recently").notNull(),
      state: k.text("state", { enum: ["pending", "rotated", "rotated_auto", "revoked", "ended"] }).notNull().default("pending"),
      actedAt: k.ms("acted_at"),
      /** After an automatic rotation: the credential version whose secret the owner may reveal once. */
      revealVersion: k.int("reveal_version"),
      revealedAt: k.ms("revealed_at"),
    },
    (t) => [
      k.primaryKey({ columns: [t.campaignId, t.tokenId] }),
      k.index("rotation_campaign_tokens_state_idx").on(t.campaignId, t.state, t.tokenId),
      k.index("rotation_campaign_tokens_token_idx").on(t.tokenId, t.state),
      k.index("rotation_campaign_tokens_owner_idx").on(t.ownerId, t.state),
      // A campaign's owners in order, each one's titles in order: the announcements and reminders
      // read a batch of owners as one index range, without sorting the campaign's tokens.
      k.index("rotation_campaign_tokens_campaign_owner_idx").on(t.campaignId, t.ownerId, t.title, t.state),
    ],
  );

  const tokenPermissions = k.table(
    "token_permissions",
    {
      tokenId: k.text("token_id")
        .notNull()
        .references(() => apiTokens.id, { onDelete: "cascade" }),
      permission: k.text("permission").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tokenId, t.permission] })],
  );

  const tokenAllowedIps = k.table(
    "token_allowed_ips",
    {
      tokenId: k.text("token_id")
        .notNull()
        .references(() => apiTokens.id, { onDelete: "cascade" }),
      cidr: k.text("cidr").notNull(), // normalised, e.g. 10.0.0.0/24 or 2001:db8::/32
      position: k.int("position").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tokenId, t.cidr] })],
  );

  // ---- Events (append-only) ----

  const events = k.table(
    "events",
    {
      id: k.serial("id"),
      at: k.ms("at").notNull(),
      actorType: k.text("actor_type", { enum: ["user", "token", "system", "anonymous", "campaign"] }).notNull(),
      actorId: k.text("actor_id"),
      actorLabel: k.text("actor_label").notNull(),
      action: k.text("action").notNull(),
      targetType: k.text("target_type"),
      targetId: k.text("target_id"),
      targetLabel: k.text("target_label"),
      sourceIp: k.text("source_ip"),
      details: k.json("details").$type<Record<string, unknown>>(),
      // For an event about a token: who created that token (its creator never changes), also once
      // the token is deleted. A viewer who is not a System Administrator sees the events about
      // their tokens through events_token_owner_idx, newest first, instead of gathering every
      // event of every token they made and sorting them.
      tokenOwnerId: k.text("token_owner_id"),
    },
    (t) => [
      k.index("events_at_idx").on(t.at),
      k.index("events_action_idx").on(t.action, t.id),
      k.index("events_actor_idx").on(t.actorId, t.id),
      k.index("events_target_idx").on(t.targetId, t.id),
      k.index("events_token_owner_idx").on(t.tokenOwnerId, t.id),
      // An action filter beside an actor, a target or a viewer's stream: the pair is one range in
      // id order, instead of one column's events walked to the end when the pair matches nothing.
      k.index("events_actor_action_idx").on(t.actorId, t.action, t.id),
      k.index("events_target_action_idx").on(t.targetId, t.action, t.id),
      k.index("events_token_owner_action_idx").on(t.tokenOwnerId, t.action, t.id),
    ],
  );

  // ---- Notifications ----

  const outbox = k.table(
    "outbox",
    {
      id: k.serial("id"),
      // e.g. "token.created:<tokenId>:<recipient>": a notice is queued once, ever.
      dedupeKey: k.text("dedupe_key").notNull().unique(),
      kind: k.text("kind").notNull(),
      tokenId: k.text("token_id"),
      recipient: k.text("recipient").notNull(),
      subject: k.text("subject").notNull(),
      body: k.text("body").notNull(),
      status: k.text("status", { enum: ["pending", "sent", "failed", "kept"] }).notNull(),
      attempts: k.int("attempts").notNull().default(0),
      nextAttemptAt: k.ms("next_attempt_at"),
      lastError: k.text("last_error"),
      createdAt: createdAt(),
      sentAt: k.ms("sent_at"),
    },
    (t) => [k.index("outbox_status_idx").on(t.status, t.nextAttemptAt)],
  );

  // ---- Sample API data (seeded) ----

  const devices = k.table(
    "devices",
    {
      uid: k.text("uid").primaryKey(),
      esn: k.text("esn").notNull(),
      name: k.text("name").notNull(),
      serial: k.text("serial").notNull(),
      os: k.text("os").notNull(),
      deviceGroupId: k.int("device_group_id")
        .notNull()
        .references(() => deviceGroups.id, { onDelete: "cascade" }),
      lastSeenAt: k.ms("last_seen_at").notNull(),
      latitude: k.real("latitude"),
      longitude: k.real("longitude"),
      address: k.text("address"),
      missing: k.bool("missing").notNull().default(false),
      frozen: k.bool("frozen").notNull().default(false),
    },
    (t) => [k.index("devices_group_name_idx").on(t.deviceGroupId, t.name, t.uid)],
  );

  const reachScripts = k.table("reach_scripts", {
    id: k.text("id").primaryKey(),
    name: k.text("name").notNull(),
    description: k.text("description").notNull(),
  });

  const freezeMessages = k.table("freeze_messages", {
    id: k.text("id").primaryKey(),
    name: k.text("name").notNull(),
    content: k.text("content").notNull(),
  });

  const freezeRequests = k.table("freeze_requests", {
    id: k.text("id").primaryKey(),
    tokenId: k.text("token_id").notNull(),
    messageId: k.text("message_id"),
    deviceUids: k.json("device_uids").$type<string[]>().notNull(),
    createdAt: createdAt(),
  });

  const missingReports = k.table("missing_reports", {
    id: k.serial("id"),
    deviceUid: k.text("device_uid")
      .notNull()
      .references(() => devices.uid, { onDelete: "cascade" }),
    tokenId: k.text("token_id").notNull(),
    createdAt: createdAt(),
  });

  // ---- Token exchange (OAuth) ----

  /**
   * Keyward's own ES256 signing keys for access and ID tokens. The private key (PKCS#8 PEM) is
   * AES-256-GCM under the master key with AAD "signing-key:<kid>"; the newest key signs, the
   * JWKS publishes the newest two.
   */
  const oauthSigningKeys = k.table("oauth_signing_keys", {
    kid: k.text("kid").primaryKey(),
    privateKeyCiphertext: k.bytes("private_key_ciphertext").notNull(),
    publicJwk: k.text("public_jwk").notNull(),
    createdAt: k.ms("created_at").notNull(),
  });

  /** Exchanges per API token (throttled writes), and the time before which its access tokens are void. */
  const tokenExchanges = k.table("token_exchanges", {
    tokenId: k.text("token_id")
      .primaryKey()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    count: k.int("count").notNull().default(0),
    lastExchangeAt: k.ms("last_exchange_at"),
    accessNotBefore: k.ms("access_not_before"),
  });

  /** Access tokens revoked one by one (RFC 7009), kept until they would have expired anyway. */
  const revokedAccessTokens = k.table(
    "revoked_access_tokens",
    {
      jti: k.text("jti").primaryKey(),
      tokenId: k.text("token_id").notNull(),
      expiresAt: k.ms("expires_at").notNull(),
    },
    (t) => [k.index("revoked_access_tokens_expires_idx").on(t.expiresAt)],
  );

  /**
   * Failed sign-ins of the last window, for throttling failures (never successes) per account and
   * per address; in the database so every process counts the same failures. Pruned as it grows.
   */
  const signInFailures = k.table(
    "sign_in_failures",
    {
      id: k.serial("id"),
      email: k.text("email").notNull(),
      ip: k.text("ip"),
      at: k.ms("at").notNull(),
    },
    (t) => [k.index("sign_in_failures_email_idx").on(t.email, t.at), k.index("sign_in_failures_ip_idx").on(t.ip, t.at), k.index("sign_in_failures_at_idx").on(t.at)],
  );

  /**
   * Signed requests (the SHA-256 of their signing input) and client-assertion jtis already
   * accepted, per API token, until they could no longer pass the time check anyway. In the
   * database, not in memory, so a restart or a second process on the same file still refuses a
   * replay: the primary key is the check (lib/api/replay.ts). No foreign key: rows outlive a
   * deleted token by minutes at most, and the check would cost every insert. Pruned by the scheduler.
   */
  const seenRequests = k.table(
    "seen_requests",
    {
      tokenId: k.text("token_id").notNull(),
      key: k.text("key").notNull(),
      expiresAt: k.ms("expires_at").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tokenId, t.key] }), k.index("seen_requests_expires_idx").on(t.expiresAt)],
  );

  /**
   * How many seen_requests rows each token has, by the minute they expire in: the per-token cap
   * sums a token's unexpired minutes (a dozen rows) instead of counting its entries.
   */
  const seenRequestCounts = k.table(
    "seen_request_counts",
    {
      tokenId: k.text("token_id").notNull(),
      expiresMinute: k.int("expires_minute").notNull(),
      count: k.int("count").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tokenId, t.expiresMinute] })],
  );

  /**
   * The idempotency keys of token creation forms (one per form, lib/data/tokens.ts), in the
   * database so a replayed submission is refused whichever process receives it. A key counts for
   * ten minutes; the scheduler prunes older ones.
   */
  const idempotencyKeys = k.table(
    "idempotency_keys",
    {
      actorId: k.text("actor_id").notNull(),
      key: k.text("key").notNull(),
      createdAt: k.ms("created_at").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.actorId, t.key] }), k.index("idempotency_keys_created_idx").on(t.createdAt)],
  );

  /**
   * Leases that let one process of several on the database do a job (issue 14): the scheduler's
   * pass runs only in the process holding the "scheduler" row until `expires_at`. The holder renews
   * it well before then; another takes it over once it has expired (lib/notify/leader.ts).
   */
  const schedulerLeases = k.table("scheduler_leases", {
    name: k.text("name").primaryKey(),
    holder: k.text("holder").notNull(),
    expiresAt: k.ms("expires_at").notNull(),
  });

  return { roles, rolePermissions, user, session, account, verification, deviceGroups, userDeviceGroups, apiTokens, tokenPreviousCredentials, rotationCampaigns, rotationCampaignTokens, tokenPermissions, tokenAllowedIps, events, outbox, devices, reachScripts, freezeMessages, freezeRequests, missingReports, oauthSigningKeys, tokenExchanges, revokedAccessTokens, signInFailures, seenRequests, seenRequestCounts, idempotencyKeys, schedulerLeases };
}

export const sqliteTables = defineTables(sqliteKit);
/** The same tables for PostgreSQL, typed as SQLite's: the query builder takes either alike. */
export const pgTables = defineTables(pgKit as unknown as Kit);
