/**
 * The permission catalogue: every feature and its actions, in one place so a deployment can
 * change it here. Permissions are written "feature.action", e.g. "api-credentials.manage".
 * The English labels here are the API's (error messages, OpenAPI scopes); the console names
 * features and actions in the viewer's language from messages/*.json (permissions.*).
 */
import type { Translator } from "./message";

export const FEATURES = [
  { key: "api-credentials", label: "API credentials", actions: ["view", "manage"] },
  { key: "device-reports", label: "Device reports", actions: ["view"] },
  { key: "device-fields", label: "Device fields", actions: ["view", "manage"] },
  { key: "geolocation", label: "Geolocation", actions: ["view"] },
  { key: "address-location", label: "Address-level location", actions: ["view"] },
  { key: "device-groups", label: "Device groups", actions: ["view", "manage"] },
  { key: "missing-devices", label: "Missing devices", actions: ["view", "manage"] },
  { key: "freeze-device", label: "Freeze device", actions: ["view", "perform"] },
  { key: "reach-scripts", label: "Reach scripts", actions: ["view", "run"] },
  { key: "policies", label: "Policies", actions: ["view", "manage"] },
  { key: "software-reports", label: "Software reports", actions: ["view"] },
  { key: "users-roles", label: "Users and roles", actions: ["view", "manage"] },
  { key: "event-history", label: "Event history", actions: ["view"] },
] as const satisfies readonly { key: string; label: string; actions: readonly string[] }[];

export type Feature = (typeof FEATURES)[number];
export type FeatureKey = Feature["key"];
export type Action = "view" | "manage" | "perform" | "run";
export type Permission = `${FeatureKey}.${Action}`;

export const ACTION_LABELS: Record<Action, string> = {
  view: "View",
  manage: "Manage",
  perform: "Perform",
  run: "Run",
};

/** Every permission in catalogue order. */
export const ALL_PERMISSIONS: readonly Permission[] = FEATURES.flatMap((f) =>
  f.actions.map((a) => `${f.key}.${a}` as Permission),
);

const KNOWN = new Set<string>(ALL_PERMISSIONS);

export function isPermission(value: string): value is Permission {
  return KNOWN.has(value);
}

/** "View Device reports", the accessible name of a permission checkbox. */
export function permissionLabel(p: Permission): string {
  const [featureKey, action] = p.split(".") as [FeatureKey, Action];
  const feature = FEATURES.find((f) => f.key === featureKey)!;
  return `${ACTION_LABELS[action]} ${feature.label}`;
}

/** The message key of a feature's name: "device-reports" → "permissions.features.deviceReports". */
export function featureMessageKey(key: FeatureKey): string {
  return `permissions.features.${key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`;
}

/** A permission named in the translator's language ("View Device reports", 「デバイスレポートの表示」); an unknown one by its code. */
export function permissionName(t: Translator, p: string): string {
  if (!isPermission(p)) return p;
  const [feature, action] = p.split(".") as [FeatureKey, Action];
  return t("permissions.checkbox", { action: t(`permissions.actions.${action}`), feature: t(featureMessageKey(feature)) });
}

/**
 * Normalises a permission set: drops unknown entries and duplicates, adds "view" wherever
 * "manage" is present (manage implies view), and returns catalogue order.
 */
export function normalizePermissions(input: Iterable<string>): Permission[] {
  const set = new Set<string>();
  for (const p of input) {
    if (!KNOWN.has(p)) continue;
    set.add(p);
    const [feature, action] = p.split(".");
    if (action === "manage") set.add(`${feature}.view`);
  }
  return ALL_PERMISSIONS.filter((p) => set.has(p));
}

/** Unknown entries in input, so a tampered request can be refused rather than silently trimmed. */
export function unknownPermissions(input: Iterable<string>): string[] {
  return [...input].filter((p) => !KNOWN.has(p));
}

/** Toggling in the UI: checking Manage checks View; unchecking View unchecks Manage. */
export function togglePermission(current: readonly Permission[], p: Permission, checked: boolean): Permission[] {
  const set = new Set<Permission>(current);
  const [feature, action] = p.split(".");
  if (checked) {
    set.add(p);
    if (action === "manage") set.add(`${feature}.view` as Permission);
  } else {
    set.delete(p);
    if (action === "view") set.delete(`${feature}.manage` as Permission);
  }
  return ALL_PERMISSIONS.filter((x) => set.has(x));
}

/** Intersection, in catalogue order: e.g. a token's permissions capped by its creator's role. */
export function intersectPermissions(a: Iterable<string>, b: Iterable<string>): Permission[] {
  const bs = new Set(b);
  const as = new Set(a);
  return ALL_PERMISSIONS.filter((p) => as.has(p) && bs.has(p));
}

/** The permissions in requested that allowed lacks. */
export function missingPermissions(requested: Iterable<string>, allowed: Iterable<string>): string[] {
  const al = new Set(allowed);
  return [...new Set(requested)].filter((p) => !al.has(p));
}

/**
 * The one cap rule: what a token (or a role someone grants) may hold is limited by the role of
 * the user behind it, as that role is now. Both sides are normalised first, so Manage in the
 * role also allows View. Returns the capped set in catalogue order.
 */
export function capToRole(permissions: Iterable<string>, rolePermissions: Iterable<string>): Permission[] {
  return intersectPermissions(normalizePermissions(permissions), normalizePermissions(rolePermissions));
}

/** The requested permissions the cap removes: what the role does not allow. Catalogue order. */
export function beyondRole(requested: Iterable<string>, rolePermissions: Iterable<string>): Permission[] {
  const wanted = normalizePermissions(requested);
  return missingPermissions(wanted, capToRole(wanted, rolePermissions)) as Permission[];
}
