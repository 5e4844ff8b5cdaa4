import crypto from "node:crypto";
import type { Statement } from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { writeTransaction, type Db } from "@/lib/db/client";
import type { Permission } from "@/lib/domain/permissions";
import { API_ENDPOINTS, type ApiEndpointKey } from "@/lib/domain/api-endpoints";
import { ApiError, badRequest } from "./errors";
import {
  devicesQuerySchema,
  devicesResponseSchema,
  encodeCursor,
  freezeBodySchema,
  freezeMessagesResponseSchema,
  freezeResponseSchema,
  groupsResponseSchema,
  missingResponseSchema,
  reportMissingBodySchema,
  reportMissingResponseSchema,
  scriptsResponseSchema,
  type DeviceField,
} from "./resource-schemas";

/** The calling token as the resources see it: who it is and which devices it may see. */
export interface TokenScope {
  id: string;
  deviceScope: "all" | "group" | "none";
  deviceGroupId: number | null;
}

export interface ResourceContext {
  db: Db;
  token: TokenScope;
  query: URLSearchParams;
  data: unknown;
  now: number;
}

export interface ResourceResult {
  data: unknown;
  metadata?: { pagination: { nextPage: string | null } };
}

/** What the API reference says of a resource besides its schemas and permissions. */
export interface ResourceDoc {
  summary: string;
  description?: string;
  /** Refusals of this resource's own, beyond the ones every call can get. */
  refusals?: readonly { status: 400; code: "BAD_REQUEST" | "VALIDATION_ERROR"; when: string }[];
}

export interface Resource {
  permissions: readonly Permission[];
  /** Permissions that depend on the request (e.g. selecting geoData). */
  extraPermissions?: (ctx: ResourceContext) => readonly Permission[];
  handle: (ctx: ResourceContext, sql: ResourceStatements) => ResourceResult;
  /** The query it parses with (its fields are the documented parameters). */
  query?: z.ZodObject;
  /** The `data` of the signed payload, or the JSON body of a bearer call. */
  body?: z.ZodType;
  /** The 200 answer; documentation only (the handlers build it), checked by resources.test.ts. */
  response: z.ZodType;
  doc: ResourceDoc;
}

interface ResourceSpec<Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> {
  extraPermissions?: (query: Parsed<Q>) => readonly Permission[];
  query?: Q;
  body?: B;
  response: z.ZodType;
  doc: ResourceDoc;
  handle: (input: { query: Parsed<Q>; data: Parsed<B> }, ctx: ResourceContext, sql: ResourceStatements) => ResourceResult;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A resource whose handler only ever sees input its own schemas accepted: the schemas attached
 * here are the ones the reference documents, so they cannot be skipped or swapped.
 */
function resource<Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  key: ApiEndpointKey,
  spec: ResourceSpec<Q, B>,
): [ApiEndpointKey, Resource] {
  const { query, body, extraPermissions } = spec;
  const input = (ctx: ResourceContext) => (query ? (parseQuery(query, ctx) as Parsed<Q>) : (undefined as Parsed<Q>));
  return [key, {
    // The permissions come from lib/domain/api-endpoints, which the console's permission tables read too.
    permissions: API_ENDPOINTS[key].permissions,
    extraPermissions: extraPermissions && ((ctx) => extraPermissions(input(ctx))),
    handle: (ctx, sql) => spec.handle({ query: input(ctx), data: (body ? parseData(body, ctx.data) : undefined) as Parsed<B> }, ctx, sql),
    query,
    body,
    response: spec.response,
    doc: spec.doc,
  }];
}

/**
 * One parse per request even when both extraPermissions and handle need the query. Keyed by the
 * context object, which the service builds once per request.
 */
const parsedQueries = new WeakMap<ResourceContext, unknown>();

/** The first value of each parameter, as URLSearchParams.get reads it. */
function firstValues(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of query) if (!(k in out)) out[k] = v;
  return out;
}

function parseQuery(schema: z.ZodObject, ctx: ResourceContext): unknown {
  if (parsedQueries.has(ctx)) return parsedQueries.get(ctx);
  const r = schema.safeParse(firstValues(ctx.query));
  if (!r.success) {
    const hint = (i: z.core.$ZodIssue) => (i.code === "custom" && typeof i.params?.detail === "string" ? i.params.detail : i.message);
    throw badRequest(r.error.issues[0].message, r.error.issues.map((i) => ({ field: i.path.join("."), message: hint(i) })));
  }
  parsedQueries.set(ctx, r.data);
  return r.data;
}

function parseData<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new ApiError(400, "VALIDATION_ERROR", "The request data is not valid.", r.error.issues.map((i) => ({ field: ["data", ...i.path].join("."), message: i.message })));
}

/** `group` scope with a deleted group (device_group_id set null) sees nothing, like `none`. */
function groupFilter(t: TokenScope): number | null | "none" {
  if (t.deviceScope === "all") return null;
  if (t.deviceScope === "group" && t.deviceGroupId != null) return t.deviceGroupId;
  return "none";
}

// ---- Devices ----

interface DeviceRow {
  uid: string;
  esn: string;
  name: string;
  serial: string;
  os: string;
  groupId: number;
  groupName: string;
  lastSeenAt: number;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  missing: number;
  frozen: number;
}

function deviceDto(r: DeviceRow, fields: readonly DeviceField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f) {
      case "deviceUid": out.deviceUid = r.uid; break;
      case "esn": out.esn = r.esn; break;
      case "deviceName": out.deviceName = r.name; break;
      case "serialNumber": out.serialNumber = r.serial; break;
      case "operatingSystem": out.operatingSystem = r.os; break;
      case "deviceGroupId": out.deviceGroupId = r.groupId; break;
      case "deviceGroupName": out.deviceGroupName = r.groupName; break;
      case "lastSeenAt": out.lastSeenAt = new Date(r.lastSeenAt).toISOString(); break;
      case "missing": out.missing = r.missing === 1; break;
      case "frozen": out.frozen = r.frozen === 1; break;
      case "geoData": out.geoData = { latitude: r.latitude, longitude: r.longitude, address: r.address }; break;
    }
  }
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function listDevices({ query }: { query: z.output<typeof devicesQuerySchema> }, ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const { select: fields, pageSize, nextPage: cursor, deviceName: name } = query;
  const group = groupFilter(ctx.token);
  if (group === "none") return { data: [], metadata: { pagination: { nextPage: null } } };

  const params: unknown[] = [];
  const where: string[] = [];
  if (group !== null) { where.push("d.device_group_id = ?"); params.push(group); }
  if (name) { where.push("d.name LIKE ? ESCAPE '\\'"); params.push(`%${escapeLike(name)}%`); }
  if (cursor) { where.push("(d.name, d.uid) > (?, ?)"); params.push(cursor[0], cursor[1]); }
  params.push(pageSize + 1);
  const rows = sql.devices(where).all(...params) as DeviceRow[];
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((r) => deviceDto(r, fields)),
    metadata: { pagination: { nextPage: more ? encodeCursor(last.name, last.uid) : null } },
  };
}

// ---- Device groups ----

function listGroups(ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const group = groupFilter(ctx.token);
  if (group === "none") return { data: [] };
  return { data: sql.groups(group, ctx.now) };
}

// ---- Missing devices ----

interface MissingRow { deviceUid: string; deviceName: string; deviceGroupName: string; reportedAt: number | null }

function listMissing(ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const group = groupFilter(ctx.token);
  if (group === "none") return { data: [] };
  const rows = (group === null ? sql.missingAll.all() : sql.missingInGroup.all(group)) as MissingRow[];
  return { data: rows.map((r) => ({ ...r, reportedAt: r.reportedAt == null ? null : new Date(r.reportedAt).toISOString() })) };
}

/** The requested devices the token may see; any other ID is refused as unknown, never as "not yours". */
function devicesInScope(ctx: ResourceContext, sql: ResourceStatements, uids: string[]): string[] {
  const unique = [...new Set(uids)];
  const group = groupFilter(ctx.token);
  const found = group === "none" ? [] : (sql.devicesByUid(group !== null).all(JSON.stringify(unique), ...(group !== null ? [group] : [])) as { uid: string }[]).map((r) => r.uid);
  const known = new Set(found);
  const unknown = unique.filter((u) => !known.has(u));
  if (unknown.length) {
    throw new ApiError(400, "VALIDATION_ERROR", "Some devices do not exist.", unknown.map((deviceUid) => ({ field: "data.deviceUids", deviceUid, message: "No device with this ID." })));
  }
  return unique;
}

function reportMissing({ data }: { data: z.output<typeof reportMissingBodySchema> }, ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const { deviceUids } = data;
  const uids = devicesInScope(ctx, sql, deviceUids);
  writeTransaction(() => {
    for (const uid of uids) {
      sql.markMissing.run(uid);
      sql.insertMissingReport.run(uid, ctx.token.id, ctx.now);
    }
  }, ctx.db);
  return { data: { deviceUids: uids, missing: true, reportedAt: new Date(ctx.now).toISOString() } };
}

// ---- Actions ----

function requestFreeze({ data }: { data: z.output<typeof freezeBodySchema> }, ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const { deviceUids, messageId } = data;
  if (!sql.freezeMessage.get(messageId)) {
    throw new ApiError(400, "VALIDATION_ERROR", "The freeze message does not exist.", [{ field: "data.messageId", message: "No freeze message with this ID." }]);
  }
  const uids = devicesInScope(ctx, sql, deviceUids);
  const requestId = crypto.randomUUID();
  writeTransaction(() => {
    sql.insertFreezeRequest.run(requestId, ctx.token.id, messageId, JSON.stringify(uids), ctx.now);
    for (const uid of uids) sql.markFrozen.run(uid);
  }, ctx.db);
  return { data: { requestId, messageId, deviceUids: uids } };
}

/** Prepared once per connection: this is the hot path. */
export class ResourceStatements {
  private readonly deviceQueries = new Map<string, Statement>();
  private readonly byUid: Statement[] = [];
  private readonly allGroups: Statement;
  private readonly oneGroup: Statement;
  private readonly groupCache = new LRUCache<string, { rows: unknown[]; until: number }>({ max: 1000 });
  readonly missingAll: Statement;
  readonly missingInGroup: Statement;
  readonly scripts: Statement;
  readonly freezeMessages: Statement;
  readonly freezeMessage: Statement;
  readonly markMissing: Statement;
  readonly insertMissingReport: Statement;
  readonly markFrozen: Statement;
  readonly insertFreezeRequest: Statement;

  constructor(private readonly client: Db["$client"]) {
    const groups = `SELECT g.id AS id, g.name AS name, (SELECT count(*) FROM devices d WHERE d.device_group_id = g.id) AS deviceCount FROM device_groups g`;
    this.allGroups = client.prepare(`${groups} ORDER BY g.name`);
    this.oneGroup = client.prepare(`${groups} WHERE g.id = ?`);
    const missing = `SELECT d.uid AS deviceUid, d.name AS deviceName, g.name AS deviceGroupName,
      (SELECT max(m.created_at) FROM missing_reports m WHERE m.device_uid = d.uid) AS reportedAt
      FROM devices d JOIN device_groups g ON g.id = d.device_group_id WHERE d.missing = 1`;
    this.missingAll = client.prepare(`${missing} ORDER BY d.name, d.uid`);
    this.missingInGroup = client.prepare(`${missing} AND d.device_group_id = ? ORDER BY d.name, d.uid`);
    this.scripts = client.prepare(`SELECT id, name, description FROM reach_scripts ORDER BY name`);
    this.freezeMessages = client.prepare(`SELECT id, name, content FROM freeze_messages ORDER BY name`);
    this.freezeMessage = client.prepare(`SELECT id FROM freeze_messages WHERE id = ?`);
    this.markMissing = client.prepare(`UPDATE devices SET missing = 1 WHERE uid = ?`);
    this.insertMissingReport = client.prepare(`INSERT INTO missing_reports (device_uid, token_id, created_at) VALUES (?, ?, ?)`);
    this.markFrozen = client.prepare(`UPDATE devices SET frozen = 1 WHERE uid = ?`);
    this.insertFreezeRequest = client.prepare(`INSERT INTO freeze_requests (id, token_id, message_id, device_uids, created_at) VALUES (?, ?, ?, ?, ?)`);
  }

  /**
   * Device groups with their device counts, kept for a second: reference data that nothing in
   * the API changes, and counting devices on every call would be most of the request's cost.
   */
  groups(group: number | null, now: number): unknown[] {
    const key = String(group);
    const hit = this.groupCache.get(key);
    if (hit && hit.until > now) return hit.rows;
    const rows = group === null ? this.allGroups.all() : this.oneGroup.all(group);
    this.groupCache.set(key, { rows, until: now + 1000 });
    return rows;
  }

  /** One statement per filter shape (group, name, cursor), prepared on first use. */
  devices(where: string[]): Statement {
    const key = where.join(" AND ");
    let stmt = this.deviceQueries.get(key);
    if (!stmt) {
      stmt = this.client.prepare(
        `SELECT d.uid, d.esn, d.name, d.serial, d.os, d.device_group_id AS groupId, g.name AS groupName,
           d.last_seen_at AS lastSeenAt, d.latitude, d.longitude, d.address, d.missing, d.frozen
         FROM devices d JOIN device_groups g ON g.id = d.device_group_id
         ${where.length ? `WHERE ${key}` : ""} ORDER BY d.name, d.uid LIMIT ?`,
      );
      this.deviceQueries.set(key, stmt);
    }
    return stmt;
  }

  devicesByUid(inGroup: boolean): Statement {
    const i = inGroup ? 1 : 0;
    this.byUid[i] ??= this.client.prepare(
      `SELECT uid FROM devices WHERE uid IN (SELECT value FROM json_each(?))${inGroup ? " AND device_group_id = ?" : ""}`,
    );
    return this.byUid[i];
  }
}

/**
 * The resources of specs/api-auth.md, keyed by "METHOD uri": served through POST /jws/validate
 * and, with a bearer access token, at their own path. /openapi.json is generated from this map.
 */
export const RESOURCES: ReadonlyMap<string, Resource> = new Map<ApiEndpointKey, Resource>([
  resource("GET /v3/reporting/devices", {
    extraPermissions: (query) => (query.select.includes("geoData") ? API_ENDPOINTS["GET /v3/reporting/devices"].conditional.permissions : []),
    query: devicesQuerySchema,
    response: devicesResponseSchema,
    doc: {
      summary: "List devices",
      description: "Devices in the token's scope, sorted by name, one page at a time.",
      refusals: [{ status: 400, code: "BAD_REQUEST", when: "An unknown select field, a pageSize outside 1–500, or a nextPage this API did not return." }],
    },
    handle: listDevices,
  }),
  resource("GET /v3/configurations/device-groups/groups", {
    response: groupsResponseSchema,
    doc: { summary: "List device groups", description: "The device groups in the token's scope, with their device counts." },
    handle: (_input, ctx, sql) => listGroups(ctx, sql),
  }),
  resource("GET /v3/tracking/device-missing/missing", {
    response: missingResponseSchema,
    doc: { summary: "List missing devices", description: "Devices in the token's scope that are reported missing." },
    handle: (_input, ctx, sql) => listMissing(ctx, sql),
  }),
  resource("POST /v3/tracking/device-missing/missing", {
    body: reportMissingBodySchema,
    response: reportMissingResponseSchema,
    doc: {
      summary: "Report devices missing",
      refusals: [{ status: 400, code: "VALIDATION_ERROR", when: "The body does not match the schema, or a device is unknown or outside the token's scope." }],
    },
    handle: reportMissing,
  }),
  resource("GET /v3/actions/reach/scripts", {
    response: scriptsResponseSchema,
    doc: { summary: "List Reach scripts" },
    handle: (_input, _ctx, sql) => ({ data: sql.scripts.all() }),
  }),
  resource("GET /v3/actions/freeze/messages", {
    response: freezeMessagesResponseSchema,
    doc: { summary: "List freeze messages", description: "The messages a frozen device can show." },
    handle: (_input, _ctx, sql) => ({ data: sql.freezeMessages.all() }),
  }),
  resource("POST /v3/actions/requests/freeze", {
    body: freezeBodySchema,
    response: freezeResponseSchema,
    doc: {
      summary: "Request a device freeze",
      description: "Freezes the devices and shows them the chosen message.",
      refusals: [{ status: 400, code: "VALIDATION_ERROR", when: "The body does not match the schema, the message does not exist, or a device is unknown or outside the token's scope." }],
    },
    handle: requestFreeze,
  }),
]);
