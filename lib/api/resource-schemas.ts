import { z } from "zod";

// The wire formats of the API resources: the handlers parse their query and body with these
// schemas, and /openapi.json is generated from the same objects, so the reference cannot drift
// from what the server enforces. Built once at module load: parsing is on the hot path.

/**
 * A query refusal carries its wire form in the zod issue: `message` becomes the error's message
 * and `params.detail` the field's hint in `details` (see parseQuery in resources.ts).
 */
function refuse(ctx: z.RefinementCtx, message: string, detail: string): typeof z.NEVER {
  ctx.addIssue({ code: "custom", message, params: { detail } });
  return z.NEVER;
}

// ---- Devices ----

export const DEVICE_FIELDS = ["deviceUid", "esn", "deviceName", "serialNumber", "operatingSystem", "deviceGroupId", "deviceGroupName", "lastSeenAt", "missing", "frozen", "geoData"] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];
const DEFAULT_FIELDS: DeviceField[] = DEVICE_FIELDS.filter((f) => f !== "geoData");
const FIELD_SET: ReadonlySet<string> = new Set(DEVICE_FIELDS);
export const MAX_PAGE = 500;
const DEFAULT_PAGE = 50;

/** The cursor is the last row's sort key (name, uid); opaque to clients (base64url JSON). */
export function encodeCursor(name: string, uid: string): string {
  return Buffer.from(JSON.stringify([name, uid])).toString("base64url");
}

function decodeCursor(raw: string): [string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // not JSON: the caller refuses it
  }
  return null;
}

const selectParam = z
  .string()
  .optional()
  .transform((raw, ctx): DeviceField[] => {
    if (raw === undefined || raw.trim() === "") return DEFAULT_FIELDS;
    const fields = raw.split(",").map((f) => f.trim()).filter(Boolean);
    const unknown = fields.filter((f) => !FIELD_SET.has(f));
    if (unknown.length) return refuse(ctx, `Unknown field in select: ${unknown.join(", ")}.`, `Choose from ${DEVICE_FIELDS.join(", ")}.`);
    return [...new Set(fields)] as DeviceField[];
  })
  .meta({
    description: `Comma-separated fields to return, from: ${DEVICE_FIELDS.join(", ")}. Default: all but geoData. Selecting geoData also needs the geolocation.view and address-location.view permissions.`,
    example: "deviceUid,deviceName,lastSeenAt",
  });

const pageSizeParam = z
  .string()
  .refine((raw) => /^\d{1,4}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= MAX_PAGE, {
    message: `pageSize must be a whole number from 1 to ${MAX_PAGE}.`,
    params: { detail: `From 1 to ${MAX_PAGE}.` },
  })
  .transform(Number)
  .default(DEFAULT_PAGE)
  // On the wire a query value is text; documented as what it must spell.
  .meta({ description: "Devices per page.", override: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE } });

const nextPageParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return null;
    return decodeCursor(raw) ?? refuse(ctx, "nextPage is not a cursor this API returned.", "Use the value from the previous response.");
  })
  .meta({ description: "The cursor from the previous page's metadata.pagination.nextPage." });

export const devicesQuerySchema = z.object({
  select: selectParam,
  pageSize: pageSizeParam,
  nextPage: nextPageParam,
  deviceName: z.string().optional().meta({ description: "Only devices whose name contains this text (case-insensitive)." }),
});

const isoTime = z.iso.datetime();

export const deviceSchema = z
  .strictObject({
    deviceUid: z.string(),
    esn: z.string(),
    deviceName: z.string(),
    serialNumber: z.string(),
    operatingSystem: z.string(),
    deviceGroupId: z.int(),
    deviceGroupName: z.string(),
    lastSeenAt: isoTime,
    missing: z.boolean(),
    frozen: z.boolean(),
    geoData: z.strictObject({ latitude: z.number().nullable(), longitude: z.number().nullable(), address: z.string().nullable() }),
  })
  .partial()
  .meta({ id: "Device", description: "A device; only the fields named in select are present." });

const paginationSchema = z.strictObject({
  pagination: z.strictObject({ nextPage: z.string().nullable().meta({ description: "Pass as nextPage for the next page; null on the last page." }) }),
});

export const devicesResponseSchema = z.strictObject({ data: z.array(deviceSchema), metadata: paginationSchema });

// ---- Device groups, missing devices, scripts, messages ----

export const groupsResponseSchema = z.strictObject({
  data: z.array(z.strictObject({ id: z.int(), name: z.string(), deviceCount: z.int() }).meta({ id: "DeviceGroup" })),
});

export const missingResponseSchema = z.strictObject({
  data: z.array(
    z
      .strictObject({ deviceUid: z.string(), deviceName: z.string(), deviceGroupName: z.string(), reportedAt: isoTime.nullable() })
      .meta({ id: "MissingDevice", description: "A device reported missing; reportedAt is the latest report." }),
  ),
});

const deviceUidsSchema = z
  .array(z.string().min(1).max(64))
  .min(1, "List at least one device.")
  .max(500, "At most 500 devices per request.")
  .meta({ description: "Device IDs the token may see; any other ID is refused as unknown." });

export const reportMissingBodySchema = z.object({ deviceUids: deviceUidsSchema });

export const reportMissingResponseSchema = z.strictObject({
  data: z.strictObject({ deviceUids: z.array(z.string()), missing: z.literal(true), reportedAt: isoTime }),
});

export const scriptsResponseSchema = z.strictObject({
  data: z.array(z.strictObject({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: "ReachScript" })),
});

export const freezeMessagesResponseSchema = z.strictObject({
  data: z.array(z.strictObject({ id: z.string(), name: z.string(), content: z.string() }).meta({ id: "FreezeMessage" })),
});

export const freezeBodySchema = z.object({
  deviceUids: deviceUidsSchema,
  messageId: z.string().min(1).max(64).meta({ description: "A freeze message ID from GET /v3/actions/freeze/messages." }),
});

export const freezeResponseSchema = z.strictObject({
  data: z.strictObject({ requestId: z.uuid(), messageId: z.string(), deviceUids: z.array(z.string()) }),
});

// ---- Errors ----

/** Every API refusal: `{ code, message, details }` (lib/api/errors.ts). */
export const apiErrorSchema = z
  .object({
    code: z.string().meta({ description: "Stable, machine-readable reason, e.g. TOKEN_EXPIRED." }),
    message: z.string().meta({ description: "What went wrong, for people." }),
    details: z.array(z.record(z.string(), z.unknown())).meta({ description: "Specifics, e.g. the field and its hint, or the missing permission and its label." }),
  })
  .meta({ id: "ApiError" });
