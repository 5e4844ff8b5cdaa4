import { eq, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import type { KeywardDb, Queries } from "./database";
import { deviceGroups, devices, freezeMessages, reachScripts, rolePermissions, roles } from "./schema";

export const SEED_DEVICE_GROUPS = ["Headquarters", "Field laptops", "Kiosks", "Contractors"];

const SEED_REACH_SCRIPTS = [
  { id: "rs-collect-logs", name: "Collect system logs", description: "Zips the last 24 hours of system logs." },
  { id: "rs-disk-usage", name: "Report disk usage", description: "Lists volumes and free space." },
  { id: "rs-restart-agent", name: "Restart endpoint agent", description: "Restarts the persistence agent service." },
  { id: "rs-wifi-list", name: "List Wi-Fi networks", description: "Reports nearby Wi-Fi networks for location." },
];

const SEED_FREEZE_MESSAGES = [
  { id: "fm-lost", name: "Lost device", content: "This device has been reported lost. Please call the service desk." },
  { id: "fm-stolen", name: "Stolen device", content: "This device is frozen. It has been reported stolen." },
  { id: "fm-offboarding", name: "Offboarding", content: "Please return this device to IT." },
];

/** A small deterministic PRNG so every fresh install gets the same sample data. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CITIES = [
  { city: "Vancouver", lat: 49.2827, lon: -123.1207, street: "Granville St" },
  { city: "Austin", lat: 30.2672, lon: -97.7431, street: "Congress Ave" },
  { city: "Reading", lat: 51.4543, lon: -0.9781, street: "Broad St" },
  { city: "Osaka", lat: 34.6937, lon: 135.5023, street: "Midosuji" },
  { city: "Sydney", lat: -33.8688, lon: 151.2093, street: "George St" },
];
const OSES = ["Windows 11 Pro", "Windows 10 Enterprise", "macOS 15", "ChromeOS 128", "Ubuntu 24.04"];
const PREFIX: Record<string, string> = { Headquarters: "HQ", "Field laptops": "FL", Kiosks: "KIOSK", Contractors: "CTR" };

async function isEmpty(tx: Queries, table: SQLiteTable): Promise<boolean> {
  return (await tx.q.select({ one: sql`1` }).from(table).limit(1)).length === 0;
}

/**
 * Idempotent first-run data: the built-in role, the device groups, and sample API data, in one
 * transaction. Each part is inserted only when its table is empty, so restarts never duplicate anything.
 */
export async function seed(db: KeywardDb): Promise<void> {
  await db.transaction(async (tx) => {
    const q = tx.q;
    const [admin] = await q.select({ id: roles.id }).from(roles).where(eq(roles.builtIn, true)).limit(1);
    const roleId = admin?.id ?? (await q.insert(roles).values({ name: "System Administrator", builtIn: true }).returning({ id: roles.id }))[0].id;
    // The built-in role always holds the whole catalogue, including features added later.
    await q
      .insert(rolePermissions)
      .values(ALL_PERMISSIONS.map((permission) => ({ roleId, permission })))
      .onConflictDoNothing();

    if (await isEmpty(tx, deviceGroups)) await q.insert(deviceGroups).values(SEED_DEVICE_GROUPS.map((name) => ({ name })));

    if (await isEmpty(tx, devices)) {
      const rand = mulberry32(20261122);
      const groups = await q.select().from(deviceGroups).orderBy(deviceGroups.id);
      const now = Date.UTC(2026, 10, 1);
      const rows = [];
      for (let i = 0; i < 320; i++) {
        const group = groups[i % groups.length];
        const place = CITIES[Math.floor(rand() * CITIES.length)];
        const n = String(i + 1).padStart(4, "0");
        rows.push({
          uid: uuidFrom(rand),
          esn: Math.floor(rand() * 0xffffffffffff).toString(16).toUpperCase().padStart(12, "0"),
          name: `${PREFIX[group.name] ?? "DEV"}-${n}`,
          serial: `SN${Math.floor(rand() * 1e9).toString().padStart(9, "0")}`,
          os: OSES[Math.floor(rand() * OSES.length)],
          deviceGroupId: group.id,
          lastSeenAt: new Date(now - Math.floor(rand() * 30 * 86400_000)),
          latitude: Number((place.lat + (rand() - 0.5) / 10).toFixed(5)),
          longitude: Number((place.lon + (rand() - 0.5) / 10).toFixed(5)),
          address: `${1 + Math.floor(rand() * 900)} ${place.street}, ${place.city}`,
          missing: rand() < 0.05,
        });
      }
      for (let i = 0; i < rows.length; i += 100) await q.insert(devices).values(rows.slice(i, i + 100));
    }

    if (await isEmpty(tx, reachScripts)) await q.insert(reachScripts).values(SEED_REACH_SCRIPTS);
    if (await isEmpty(tx, freezeMessages)) await q.insert(freezeMessages).values(SEED_FREEZE_MESSAGES);
  });
}
