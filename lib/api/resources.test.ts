import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ApiError } from "./errors";
import { RESOURCES, ResourceStatements, type ResourceContext } from "./resources";
import { freshDatabase } from "@/test/api-fixture";
import { ENDPOINTS_BY_PERMISSION } from "@/lib/domain/api-endpoints";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";

// The resources' own input checks, called directly (service.test.ts covers the whole pipeline).
// The refusals are pinned to the exact body a client gets, so the wire contract cannot drift.

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DEVICES = "GET /v3/reporting/devices";
let db: Db;
let sql: ResourceStatements;

beforeAll(() => {
  ({ db } = freshDatabase());
  sql = new ResourceStatements(db.$client);
});

function ctx(query: string, data?: unknown): ResourceContext {
  return { db, token: { id: "t", deviceScope: "all", deviceGroupId: null }, query: new URLSearchParams(query), data, now: NOW };
}

function run(key: string, query: string, data?: unknown) {
  const resource = RESOURCES.get(key)!;
  const c = ctx(query, data);
  resource.extraPermissions?.(c);
  return resource.handle(c, sql);
}

function refusal(key: string, query: string, data?: unknown) {
  try {
    run(key, query, data);
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: JSON.parse(err.toBody()) as unknown };
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("GET /v3/reporting/devices query", () => {
  it("refuses an unknown select field, naming it and the choices", () => {
    expect(refusal(DEVICES, "select=deviceName,password,pin")).toEqual({
      status: 400,
      body: {
        code: "BAD_REQUEST",
        message: "Unknown field in select: password, pin.",
        details: [{ field: "select", message: "Choose from deviceUid, esn, deviceName, serialNumber, operatingSystem, deviceGroupId, deviceGroupName, lastSeenAt, missing, frozen, geoData." }],
      },
    });
  });

  it.each(["0", "501", "1.5", "-1", "abc", "", "00001"])("refuses pageSize=%s", (size) => {
    expect(refusal(DEVICES, `pageSize=${size}`)).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "pageSize must be a whole number from 1 to 500.", details: [{ field: "pageSize", message: "From 1 to 500." }] },
    });
  });

  it("refuses a cursor it did not issue", () => {
    expect(refusal(DEVICES, "nextPage=garbage!")).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "nextPage is not a cursor this API returned.", details: [{ field: "nextPage", message: "Use the value from the previous response." }] },
    });
  });

  it("takes defaults, trims and de-duplicates select, and accepts the limits", () => {
    const page = run(DEVICES, "select=%20deviceName%20,deviceName,,esn");
    expect((page.data as unknown[]).length).toBe(50);
    expect(Object.keys((page.data as Record<string, unknown>[])[0])).toEqual(["deviceName", "esn"]);
    expect(Object.keys((run(DEVICES, "select=").data as Record<string, unknown>[])[0])).not.toContain("geoData");
    expect((run(DEVICES, "pageSize=1").data as unknown[]).length).toBe(1);
    expect((run(DEVICES, "pageSize=500").data as unknown[]).length).toBe(320);
  });

  it("needs the location permissions only when geoData is selected", () => {
    const extra = RESOURCES.get(DEVICES)!.extraPermissions!;
    expect(extra(ctx("select=deviceName,geoData"))).toEqual(["geolocation.view", "address-location.view"]);
    expect(extra(ctx("select=deviceName"))).toEqual([]);
    expect(extra(ctx(""))).toEqual([]);
  });
});

describe("POST bodies", () => {
  it("refuses an empty or oversized device list and a missing messageId, field by field", () => {
    expect(refusal("POST /v3/tracking/device-missing/missing", "", { deviceUids: [] })).toEqual({
      status: 400,
      body: { code: "VALIDATION_ERROR", message: "The request data is not valid.", details: [{ field: "data.deviceUids", message: "List at least one device." }] },
    });
    const many = Array.from({ length: 501 }, (_, i) => `d${i}`);
    expect(refusal("POST /v3/actions/requests/freeze", "", { deviceUids: many })).toEqual({
      status: 400,
      body: {
        code: "VALIDATION_ERROR",
        message: "The request data is not valid.",
        details: [
          { field: "data.deviceUids", message: "At most 500 devices per request." },
          { field: "data.messageId", message: "Invalid input: expected string, received undefined" },
        ],
      },
    });
  });
});

describe("documented response schemas", () => {
  it("describe exactly what each resource answers", () => {
    const [device] = run(DEVICES, "pageSize=1&select=deviceUid").data as { deviceUid: string }[];
    const calls: [string, string, unknown?][] = [
      [DEVICES, "select=deviceUid,esn,deviceName,serialNumber,operatingSystem,deviceGroupId,deviceGroupName,lastSeenAt,missing,frozen,geoData&pageSize=2"],
      [DEVICES, "pageSize=500"],
      ["GET /v3/configurations/device-groups/groups", ""],
      ["POST /v3/tracking/device-missing/missing", "", { deviceUids: [device.deviceUid] }],
      ["GET /v3/tracking/device-missing/missing", ""],
      ["GET /v3/actions/reach/scripts", ""],
      ["GET /v3/actions/freeze/messages", ""],
      ["POST /v3/actions/requests/freeze", "", { deviceUids: [device.deviceUid], messageId: "fm-lost" }],
    ];
    expect(new Set(calls.map(([key]) => key))).toEqual(new Set(RESOURCES.keys()));
    for (const [key, query, data] of calls) {
      const result = JSON.parse(JSON.stringify(run(key, query, data))) as unknown;
      const parsed = RESOURCES.get(key)!.response.safeParse(result);
      expect(parsed.error?.issues ?? [], key).toEqual([]);
    }
  });

  it("would notice an undocumented field", () => {
    const groups = JSON.parse(JSON.stringify(run("GET /v3/configurations/device-groups/groups", ""))) as { data: Record<string, unknown>[] };
    groups.data[0].secret = "x";
    expect(RESOURCES.get("GET /v3/configurations/device-groups/groups")!.response.safeParse(groups).success).toBe(false);
  });
});

describe("several bad query parameters", () => {
  it("are all named in details, the first one in the message", () => {
    expect(refusal(DEVICES, "select=nope&pageSize=0")).toEqual({
      status: 400,
      body: {
        code: "BAD_REQUEST",
        message: "Unknown field in select: nope.",
        details: [
          { field: "select", message: "Choose from deviceUid, esn, deviceName, serialNumber, operatingSystem, deviceGroupId, deviceGroupName, lastSeenAt, missing, frozen, geoData." },
          { field: "pageSize", message: "From 1 to 500." },
        ],
      },
    });
  });

  it("reads the first value of a repeated parameter, ignoring unknown ones", () => {
    expect((run(DEVICES, "pageSize=2&pageSize=900&colour=red").data as unknown[]).length).toBe(2);
  });
});

describe("the endpoints the console shows next to each permission", () => {
  it("list every resource route under each permission it needs, and only those", () => {
    const expected = new Map<string, Set<string>>();
    const add = (p: string, route: string) => expected.set(p, (expected.get(p) ?? new Set()).add(route));
    for (const [route, r] of RESOURCES) {
      for (const p of r.permissions) add(p, route);
      // The location permissions, asked for only when geoData is selected.
      for (const p of r.extraPermissions?.(ctx("select=geoData")) ?? []) add(p, route);
    }
    expect(expected.size).toBeGreaterThan(5);
    for (const p of ALL_PERMISSIONS) {
      const shown = (ENDPOINTS_BY_PERMISSION.get(p) ?? []).map((e) => `${e.method} ${e.path}`);
      expect(new Set(shown), p).toEqual(expected.get(p) ?? new Set());
    }
  });

  it("say what else a call needs and when a permission is needed for part of it", () => {
    expect(ENDPOINTS_BY_PERMISSION.get("device-reports.view")).toEqual([{ method: "GET", path: "/v3/reporting/devices", alsoNeeds: ["device-fields.view"] }]);
    expect(ENDPOINTS_BY_PERMISSION.get("geolocation.view")).toEqual([
      { method: "GET", path: "/v3/reporting/devices", alsoNeeds: ["device-reports.view", "device-fields.view", "address-location.view"], when: "permissions.endpoints.whenGeoData" },
    ]);
    expect(ENDPOINTS_BY_PERMISSION.get("api-credentials.manage")).toEqual([]);
  });
});
