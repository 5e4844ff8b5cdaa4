import type { Locale } from "@/lib/domain/locale";
import type { Translator } from "@/lib/domain/message";
import { isPermission } from "@/lib/domain/permissions";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";

type Details = Record<string, unknown>;

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * An event's details as readable lines in the viewer's language: one line per recorded fact,
 * each a whole message of eventDetails.* (so word order is the translation's), values such as
 * dates and permissions shown in that language too. Keys no message knows fall back to
 * "key: value", so nothing recorded is hidden.
 */
export function describeDetails(details: Details | null, t: Translator, locale: Locale): string[] {
  if (!details) return [];
  const lines: string[] = [];
  const list = (items: string[]) => items.join(locale === "ja" ? "、" : ", ");
  const date = (v: string) => formatCalendarDate(v, locale);
  const permission = (p: string) => {
    if (!isPermission(p)) return p;
    const [feature, action] = p.split(".");
    return t("eventDetails.permission", { feature: t(`eventDetails.features.${camel(feature)}`), action });
  };
  const role = (name: unknown) => (name === "System Administrator" ? t("eventDetails.systemAdministrator") : String(name));
  const permissionsLine = (key: string, v: unknown) => {
    const items = strings(v);
    if (items.length) lines.push(t(key, { list: list(items.map(permission)) }));
  };

  for (const [key, value] of Object.entries(details)) {
    switch (key) {
      case "title":
        lines.push(t("eventDetails.title", { title: String(value) }));
        break;
      case "type":
        lines.push(t("eventDetails.tokenType", { type: String(value) }));
        break;
      case "expiresOn":
        if (isDate(value)) lines.push(t("eventDetails.expiresOn", { date: date(value) }));
        else if (value && typeof value === "object" && "from" in value && "to" in value) {
          const v = value as { from: unknown; to: unknown };
          lines.push(t("eventDetails.expiresOnChanged", { from: isDate(v.from) ? date(v.from) : String(v.from), to: isDate(v.to) ? date(v.to) : String(v.to) }));
        }
        break;
      case "permissions": {
        const items = strings(value);
        lines.push(items.length ? t("eventDetails.permissions", { list: list(items.map(permission)) }) : t("eventDetails.noPermissions"));
        break;
      }
      case "allowedIps":
        if (typeof value === "number") lines.push(t("eventDetails.allowedIpCount", { count: value }));
        else if (value && typeof value === "object") {
          const v = value as { added?: unknown; removed?: unknown };
          if (strings(v.added).length) lines.push(t("eventDetails.ipsAdded", { list: list(strings(v.added)) }));
          if (strings(v.removed).length) lines.push(t("eventDetails.ipsRemoved", { list: list(strings(v.removed)) }));
        }
        break;
      case "deviceGroup":
        lines.push(value ? t("eventDetails.deviceGroup", { name: String(value) }) : t("eventDetails.allDevices"));
        break;
      case "status":
        lines.push(t("eventDetails.status", { status: String(value) }));
        break;
      case "createdBy":
        lines.push(t("eventDetails.createdBy", { email: String(value) }));
        break;
      case "email":
        lines.push(t("eventDetails.email", { email: String(value) }));
        break;
      case "name":
        lines.push(t("eventDetails.name", { name: String(value) }));
        break;
      case "role":
        lines.push(t("eventDetails.role", { role: role(value) }));
        break;
      case "oldRole":
        lines.push(t("eventDetails.roleChanged", { from: role(value), to: role(details.newRole) }));
        break;
      case "via":
        if (value === "setup") lines.push(t("eventDetails.viaSetup"));
        break;
      case "deviceGroups": {
        const items = strings(value);
        lines.push(items.length ? t("eventDetails.deviceGroups", { list: list(items) }) : t("eventDetails.noDeviceGroups"));
        break;
      }
      case "sessionsEnded":
        lines.push(t("eventDetails.sessionsEnded", { count: Number(value) }));
        break;
      case "tokensDeleted":
        lines.push(t("eventDetails.tokensDeleted", { count: Number(value) }));
        break;
      case "added":
        permissionsLine("eventDetails.permissionsAdded", value);
        break;
      case "removed":
        permissionsLine("eventDetails.permissionsRemoved", value);
        break;
      case "oldName":
        lines.push(t("eventDetails.renamed", { from: String(value), to: String(details.newName) }));
        break;
      case "count":
        lines.push(t("eventDetails.failedRequests", { count: Number(value) }));
        break;
      case "codes":
        if (value && typeof value === "object") {
          // API error codes are the API's own words: shown as they are, in any language.
          const counts = Object.entries(value as Record<string, unknown>).map(([code, n]) => t("eventDetails.codeCount", { code, count: Number(n) }));
          if (counts.length) lines.push(t("eventDetails.errorCodes", { list: list(counts) }));
        }
        break;
      case "ips":
        if (strings(value).length) lines.push(t("eventDetails.sourceIps", { list: list(strings(value)) }));
        break;
      case "overlap":
        lines.push(t("eventDetails.overlap", { overlap: String(value) }));
        break;
      case "previousWorksUntil":
        lines.push(typeof value === "string" ? t("eventDetails.previousWorksUntil", { time: formatDateTime(value, locale, "UTC") }) : t("eventDetails.previousStopped"));
        break;
      case "plannedEnd":
        if (typeof value === "string") lines.push(t("eventDetails.plannedEnd", { time: formatDateTime(value, locale, "UTC") }));
        break;
      case "endedEarlierOverlap":
        if (value === true) lines.push(t("eventDetails.endedEarlierOverlap"));
        break;
      case "fingerprint":
        lines.push(t("eventDetails.fingerprint", { fingerprint: String(value) }));
        break;
      case "automatic":
        if (value === true) lines.push(t("eventDetails.automatic"));
        break;
      case "scope":
        if (value && typeof value === "object") {
          const v = value as { kind?: unknown; days?: unknown; users?: unknown };
          lines.push(t("eventDetails.campaignScope", { kind: String(v.kind), days: Number(v.days ?? 0), users: Number(v.users ?? 0) }));
        }
        break;
      case "deadlineOn":
        if (isDate(value)) lines.push(t("eventDetails.deadlineOn", { date: date(value) }));
        break;
      case "action":
        lines.push(t("eventDetails.campaignAction", { action: String(value) }));
        break;
      case "enrolled":
      case "preview":
        if (value && typeof value === "object") {
          const v = value as { tokens?: unknown; owners?: unknown; usedRecently?: unknown };
          lines.push(t(key === "enrolled" ? "eventDetails.enrolled" : "eventDetails.previewed", { tokens: Number(v.tokens), owners: Number(v.owners), used: Number(v.usedRecently) }));
        }
        break;
      case "pending":
        lines.push(t("eventDetails.pendingTokens", { count: Number(value) }));
        break;
      case "totals":
        if (value && typeof value === "object") {
          const v = value as Record<string, unknown>;
          lines.push(t("eventDetails.campaignTotals", { rotated: Number(v.rotated ?? 0), auto: Number(v.rotated_auto ?? 0), revoked: Number(v.revoked ?? 0), ended: Number(v.ended ?? 0) }));
        }
        break;
      // The event's actor names the campaign.
      case "campaignId":
      // Shown with their pair (oldRole, oldName) or already the event's own time (minute).
      case "newRole":
      case "newName":
      case "minute":
        break;
      default:
        lines.push(t("eventDetails.other", { key, value: typeof value === "string" ? value : JSON.stringify(value) }));
    }
  }
  return lines;
}
