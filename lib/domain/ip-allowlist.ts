/**
 * Allowed-IP rules for tokens. Browser-safe (used by the form, the server action and the API).
 *
 * Storage form (`cidr`): always "address/prefix" with host bits cleared, IPv4 in dotted decimal,
 * IPv6 in RFC 5952 form (lowercase, longest zero run compressed), IPv4-mapped IPv6 turned into
 * IPv4 (`::ffff:1.2.3.0/120` → `1.2.3.0/24`). That string is also the dedupe key.
 * Display form (`displayCidr`): single addresses without the /32 or /128 ("10.0.0.5"); ranges
 * keep their prefix ("10.0.0.0/24"). The widget keeps chips in display form; the schema turns
 * them back into storage form.
 *
 * Parsing is ipaddr.js behind a strict pre-check, because ipaddr.js (like inet_aton) also
 * accepts ambiguous IPv4 forms — `010.0.0.1` (octal?), `0x0a.0.0.1`, `10.1` — which different
 * systems read differently. Only canonical dotted decimal is accepted.
 */
import ipaddr from "ipaddr.js";
import { msg } from "./message";

export const MAX_ALLOWED_IPS = 100;
// Messages are keys of messages/*.json (ipRules.*), translated where they are shown.
export const INVALID_IP_LABEL = msg("ipRules.invalid");
export const NO_RESTRICTION_TEXT = msg("ipRules.noRestriction");
export const openRangeMessage = (range = "0.0.0.0/0") => msg("ipRules.openRange", { range });
export const tooManyMessage = (dropped: number) => msg("ipRules.tooManyDropped", { max: MAX_ALLOWED_IPS, dropped });

export type ParsedEntry =
  | {
      ok: true;
      /** Storage form, e.g. "10.0.0.0/24", "10.0.0.5/32", "2001:db8::/32". */
      cidr: string;
      /** Display form, e.g. "10.0.0.5". */
      display: string;
      kind: "ipv4" | "ipv6";
      /** The input had host bits set (10.0.0.5/24) or was IPv4-mapped; the user must be told. */
      changed: boolean;
      hostBitsCleared: boolean;
      /** A /0 prefix: every address of that family. Needs explicit confirmation. */
      openRange: boolean;
    }
  | { ok: false; message: string };

const V4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const V4_STRICT = new RegExp(`^${V4_OCTET}(?:\\.${V4_OCTET}){3}$`);
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** Splits pasted text on whitespace (incl. new lines), commas and semicolons. */
export function splitEntries(text: string): string[] {
  return text.split(/[\s,;]+/u).filter((s) => s.length > 0);
}

/** An entry as a message names it: long ones cut short so the message stays readable. */
function named(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What exactly is wrong with a dotted IPv4 text that isn't canonical: the first problem, naming `entry`. */
function v4Problem(text: string, entry: string): string {
  const parts = text.split(".");
  if (parts.some((p) => /[^0-9]/.test(p))) return msg("ipRules.notAnAddress", { entry });
  if (parts.length !== 4 || parts.some((p) => p === "")) return msg("ipRules.v4Parts", { entry });
  const big = parts.find((p) => Number(p) > 255);
  if (big !== undefined) return msg("ipRules.v4OctetRange", { entry, part: big });
  const padded = parts.find((p) => p.length > 1 && p.startsWith("0"));
  if (padded !== undefined) return msg("ipRules.v4LeadingZero", { entry, part: padded, fixed: String(Number(padded)) });
  return msg("ipRules.v4Format", { entry });
}

/** The same for an IPv6 text ipaddr.js refused (only hex digits, colons and an IPv4 tail get here). */
function v6Problem(text: string, entry: string): string {
  if ((text.match(/::/g) ?? []).length > 1) return msg("ipRules.v6DoubleColon", { entry });
  const long = text.split(":").find((g) => g.length > 4 && !g.includes("."));
  if (long !== undefined) return msg("ipRules.v6GroupLength", { entry, part: long });
  const groups = text
    .split("::")
    .flatMap((half) => (half === "" ? [] : half.split(":")))
    .reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const compressed = text.includes("::");
  if (/^:[^:]|[^:]:$/.test(text) || text.split(":").some((g, i, all) => g === "" && !compressed && i > 0 && i < all.length - 1)) {
    return msg("ipRules.v6Groups", { entry });
  }
  if ((!compressed && groups !== 8) || (compressed && groups > 7)) return msg("ipRules.v6Groups", { entry });
  return msg("ipRules.invalidV6", { entry });
}

function fail(message: string): ParsedEntry {
  return { ok: false, message };
}

export function displayCidr(cidr: string): string {
  if (cidr.endsWith("/32") && !cidr.includes(":")) return cidr.slice(0, -3);
  if (cidr.endsWith("/128") && cidr.includes(":")) return cidr.slice(0, -4);
  return cidr;
}

function format(addr: ipaddr.IPv4 | ipaddr.IPv6): string {
  return addr.kind() === "ipv4" ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
}

function networkOf(addr: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = addr.toByteArray();
  const out = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return ipaddr.fromByteArray(out);
}

/**
 * Parses one entry. A refusal is one message that names the entry and says what is wrong with
 * it, so a list of refusals needs nothing beside it.
 */
export function parseEntry(raw: string): ParsedEntry {
  const s = raw.trim();
  if (s.length === 0) return fail(msg("ipRules.empty"));
  const entry = named(s);
  if (s.length > 100) return fail(msg("ipRules.tooLong", { entry }));
  if (/\s/u.test(s)) return fail(msg("ipRules.spaces", { entry }));
  if (s.includes("%")) return fail(msg("ipRules.zoneId", { entry }));
  if (!/^[0-9A-Fa-f:./]+$/.test(s)) {
    return fail(msg("ipRules.characters", { entry }));
  }
  const slash = s.split("/");
  if (slash.length > 2) return fail(msg("ipRules.oneSlash", { entry }));
  const [addrText, prefixText] = slash;
  if (prefixText !== undefined && !PREFIX.test(prefixText)) {
    return fail(msg("ipRules.prefixFormat", { entry }));
  }

  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  if (addrText.includes(":")) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) must be canonical too.
    const lastColon = addrText.lastIndexOf(":");
    const tail = addrText.slice(lastColon + 1);
    if (tail.includes(".") && !V4_STRICT.test(tail)) {
      return fail(v4Problem(tail, entry));
    }
    if (!ipaddr.IPv6.isValid(addrText)) return fail(v6Problem(addrText, entry));
    addr = ipaddr.IPv6.parse(addrText);
  } else {
    if (!V4_STRICT.test(addrText)) {
      return fail(v4Problem(addrText, entry));
    }
    addr = ipaddr.IPv4.parse(addrText);
  }

  const maxPrefix = addr.kind() === "ipv4" ? 32 : 128;
  let prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefix > maxPrefix) {
    return fail(msg("ipRules.prefixRange", { entry, max: maxPrefix, family: addr.kind() === "ipv4" ? "IPv4" : "IPv6" }));
  }

  let mapped = false;
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
    mapped = true;
  }

  const network = networkOf(addr, prefix);
  const hostBitsCleared = format(network) !== format(addr);
  const cidr = `${format(network)}/${prefix}`;
  return {
    ok: true,
    cidr,
    display: displayCidr(cidr),
    kind: network.kind(),
    changed: hostBitsCleared || mapped,
    hostBitsCleared,
    openRange: prefix === 0,
  };
}

/** Equal for equal rules: `::1` and `0:0:0:0:0:0:0:1` give the same key. Null when invalid. */
export function dedupeKey(raw: string): string | null {
  const p = parseEntry(raw);
  return p.ok ? p.cidr : null;
}

/** The first open range (0.0.0.0/0 or ::/0) in the list, in display form, or null. */
export function findOpenRange(entries: readonly string[]): string | null {
  for (const e of entries) {
    const p = parseEntry(e);
    if (p.ok && p.openRange) return p.display;
  }
  return null;
}

export function hasOpenRange(entries: readonly string[]): boolean {
  return findOpenRange(entries) !== null;
}

export interface AddResult {
  /** Chips in display form; invalid entries are kept as typed so the user can fix them. */
  entries: string[];
  duplicatesIgnored: string[];
  /** e.g. "10.0.0.5/24 was changed to 10.0.0.0/24" (as a message key with its parameters). */
  normalisedNotices: string[];
  invalid: string[];
  /** How many entries were dropped because the list reached MAX_ALLOWED_IPS. */
  overLimit: number;
}

function keyOf(entry: string): string {
  // Invalid chips dedupe on their exact text; valid ones on their storage form.
  return dedupeKey(entry) ?? `invalid:${entry}`;
}

/**
 * Adds pasted/typed text to the chips. Never freezes: once the list is full the rest is only
 * counted, not parsed, so 10,000 pasted entries cost one split.
 */
export function addEntries(existing: readonly string[], text: string): AddResult {
  return insertEntries([...existing], existing.length, splitEntries(text));
}

/** Commits an inline edit of chip `index`: empty text removes it; several entries replace it. */
export function editEntry(existing: readonly string[], index: number, text: string): AddResult {
  const others = existing.filter((_, i) => i !== index);
  return insertEntries(others, Math.min(index, others.length), splitEntries(text));
}

function insertEntries(base: string[], at: number, incoming: string[]): AddResult {
  const seen = new Set(base.map(keyOf));
  const added: string[] = [];
  const result: AddResult = { entries: [], duplicatesIgnored: [], normalisedNotices: [], invalid: [], overLimit: 0 };
  for (let i = 0; i < incoming.length; i++) {
    if (base.length + added.length >= MAX_ALLOWED_IPS) {
      result.overLimit = incoming.length - i;
      break;
    }
    const raw = incoming[i];
    const parsed = parseEntry(raw);
    const key = parsed.ok ? parsed.cidr : `invalid:${raw}`;
    if (seen.has(key)) {
      result.duplicatesIgnored.push(raw);
      continue;
    }
    seen.add(key);
    if (parsed.ok) {
      if (parsed.changed) result.normalisedNotices.push(msg("ipRules.changed", { from: raw, to: parsed.display }));
      added.push(parsed.display);
    } else {
      result.invalid.push(raw);
      added.push(raw);
    }
  }
  result.entries = [...base.slice(0, at), ...added, ...base.slice(at)];
  return result;
}

/** The sentences (message keys) the widget announces after an add or edit; none when nothing to say. */
export function describeAddResult(r: AddResult): string[] {
  const parts: string[] = [];
  if (r.duplicatesIgnored.length === 1) parts.push(msg("ipRules.duplicate", { entry: r.duplicatesIgnored[0] }));
  else if (r.duplicatesIgnored.length > 1) parts.push(msg("ipRules.duplicates", { count: r.duplicatesIgnored.length }));
  parts.push(...r.normalisedNotices.slice(0, 5));
  if (r.normalisedNotices.length > 5) parts.push(msg("ipRules.moreNormalised", { count: r.normalisedNotices.length - 5 }));
  // Which entries and why is said once, in the list under the chips; here only how many.
  if (r.invalid.length > 0) parts.push(msg("ipRules.invalidAdded", { count: r.invalid.length }));
  return parts;
}

/** Each distinct invalid entry once, in list order, with its one message (which names it). */
export function invalidEntries(entries: readonly string[]): { index: number; entry: string; message: string }[] {
  const seen = new Set<string>();
  const out: { index: number; entry: string; message: string }[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry);
    if (parsed.ok || seen.has(entry)) return;
    seen.add(entry);
    out.push({ index, entry, message: parsed.message });
  });
  return out;
}

/** The one rule for "no restriction": a list with no entries (blank lines aside) lets every address use the token. */
export function allowsEveryAddress(cidrs: readonly string[]): boolean {
  return cidrs.every((c) => c.trim() === "");
}

type Rule = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Compiles stored CIDRs once into a matcher for the API. An empty list allows every address.
 * IPv4 rules match IPv4-mapped IPv6 callers (::ffff:1.2.3.4) and IPv6 rules that cover
 * ::ffff:0:0/96 match plain IPv4 callers.
 */
export function compileAllowlist(cidrs: readonly string[]): (clientIp: string) => boolean {
  // Blank strings are not rules (e.g. "".split("\n")); an unparsable rule still fails closed.
  if (allowsEveryAddress(cidrs)) return () => true;
  const entries = cidrs.filter((c) => c.trim() !== "");
  const rules: Rule[] = [];
  for (const c of entries) {
    const p = parseEntry(c);
    if (p.ok) rules.push(ipaddr.parseCIDR(p.cidr));
  }
  return (clientIp) => {
    if (!ipaddr.isValid(clientIp)) return false;
    const client = ipaddr.process(clientIp);
    const asV6 = client.kind() === "ipv4" ? (client as ipaddr.IPv4).toIPv4MappedAddress() : client;
    return rules.some(([range, bits]) =>
      range.kind() === client.kind() ? client.match(range, bits) : range.kind() === "ipv6" && asV6.match(range, bits),
    );
  };
}

export function ipMatches(allowlist: readonly string[], clientIp: string): boolean {
  return compileAllowlist(allowlist)(clientIp);
}
