import crypto from "node:crypto";
import type { Statement } from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { writeTransaction, type Db } from "@/lib/db/client";
import type { Permission } from "@/lib/domain/permissions";
import { ApiError, badRequest } from "./errors";

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

export interface Resource {
  permissions: readonly Permission[];
  /** Permissions that depend on the request (e.g. selecting geoData). */
  extraPermissions?: (ctx: ResourceContext) => readonly Permission[];
  handle: (ctx: ResourceContext, sql: ResourceStatements) => ResourceResult;
}

/** `group` scope with a deleted group (device_group_id set null) sees nothing, like `none`. */
function groupFilter(t: TokenScope): number | null | "none" {
  if (t.deviceScope === "all") return null;
  if (t.deviceScope === "group" && t.deviceGroupId != null) return t.deviceGroupId;
  return "none";
}

// ---- Devices ----

const DEVICE_FIELDS = ["deviceUid", "esn", "deviceName", "serialNumber", "operatingSystem", "deviceGroupId", "deviceGroupName", "lastSeenAt", "missing", "frozen", "geoData"] as const;
type DeviceField = (typeof DEVICE_FIELDS)[number];
const DEFAULT_FIELDS: DeviceField[] = DEVICE_FIELDS.filter((f) => f !== "geoData");
const MAX_PAGE = 500;
const DEFAULT_PAGE = 50;

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

function parseSelect(query: URLSearchParams): DeviceField[] {
  const raw = query.get("select");
  if (raw === null || raw.trim() === "") return DEFAULT_FIELDS;
  const fields = raw.split(",").map((f) => f.trim()).filter(Boolean);
  const unknown = fields.filter((f) => !(DEVICE_FIELDS as readonly string[]).includes(f));
  if (unknown.length) {
    throw badRequest(`Unknown field in select: ${unknown.join(", ")}.`, [{ field: "select", message: `Choose from ${DEVICE_FIELDS.join(", ")}.` }]);
  }
  return [...new Set(fields)] as DeviceField[];
}

function parsePageSize(query: URLSearchParams): number {
  const raw = query.get("pageSize");
  if (raw === null) return DEFAULT_PAGE;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw badRequest(`pageSize must be a whole number from 1 to ${MAX_PAGE}.`, [{ field: "pageSize", message: `From 1 to ${MAX_PAGE}.` }]);
  }
  return Number(raw);
}

/** The cursor is the last row's sort key; opaque to clients (base64url JSON). */
function encodeCursor(row: DeviceRow): string {
  return Buffer.from(JSON.stringify([row.name, row.uid])).toString("base64url");
}

function decodeCursor(raw: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // fall through to the refusal below
  }
  throw badRequest("nextPage is not a cursor this API returned.", [{ field: "nextPage", message: "Use the value from the previous response." }]);
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

function listDevices(ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const fields = parseSelect(ctx.query);
  const pageSize = parsePageSize(ctx.query);
  const cursorRaw = ctx.query.get("nextPage");
  const cursor = cursorRaw ? decodeCursor(cursorRaw) : null;
  const name = ctx.query.get("deviceName");
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
  return {
    data: page.map((r) => deviceDto(r, fields)),
    metadata: { pagination: { nextPage: more ? encodeCursor(page[page.length - 1]) : null } },
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

const deviceUidsSchema = z.array(z.string().min(1).max(64)).min(1, "List at least one device.").max(500, "At most 500 devices per request.");
const reportMissingSchema = z.object({ deviceUids: deviceUidsSchema });
const freezeSchema = z.object({ deviceUids: deviceUidsSchema, messageId: z.string().min(1).max(64) });

function parseData<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new ApiError(400, "VALIDATION_ERROR", "The request data is not valid.", r.error.issues.map((i) => ({ field: ["data", ...i.path].join("."), message: i.message })));
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

function reportMissing(ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const { deviceUids } = parseData(reportMissingSchema, ctx.data);
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

function requestFreeze(ctx: ResourceContext, sql: ResourceStatements): ResourceResult {
  const { deviceUids, messageId } = parseData(freezeSchema, ctx.data);
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

/** The resources of specs/api-auth.md, keyed by "METHOD uri". */
export const RESOURCES: ReadonlyMap<string, Resource> = new Map<string, Resource>([
  [
    "GET /v3/reporting/devices",
    {
      permissions: ["device-reports.view", "device-fields.view"],
      extraPermissions: (ctx) => (parseSelect(ctx.query).includes("geoData") ? ["geolocation.view", "address-location.view"] : []),
      handle: listDevices,
    },
  ],
  ["GET /v3/configurations/device-groups/groups", { permissions: ["device-groups.view"], handle: listGroups }],
  ["GET /v3/tracking/device-missing/missing", { permissions: ["missing-devices.view"], handle: listMissing }],
  ["POST /v3/tracking/device-missing/missing", { permissions: ["missing-devices.manage"], handle: reportMissing }],
  ["GET /v3/actions/reach/scripts", { permissions: ["reach-scripts.run"], handle: (_ctx, sql) => ({ data: sql.scripts.all() }) }],
  ["GET /v3/actions/freeze/messages", { permissions: ["freeze-device.view"], handle: (_ctx, sql) => ({ data: sql.freezeMessages.all() }) }],
  ["POST /v3/actions/requests/freeze", { permissions: ["freeze-device.perform"], handle: requestFreeze }],
]);
