import { describe, expect, it, vi } from "vitest";
import { clock } from "./clock";
import { generateKeyPairSync } from "node:crypto";
import { zodFieldErrors } from "@/lib/domain/errors";
import {
  allowedIpsSchema,
  createTokenSchema,
  makeCreateTokenSchema,
  makeExtendExpirySchema,
  updateAllowedIpsSchema,
  type CreateTokenInput,
} from "./token-schemas";
import { ALL_PERMISSIONS } from "./permissions";
import { PRIVATE_KEY_MESSAGE } from "./public-key";
import { inEnglish } from "@/test/english";

const NOW = new Date(Date.UTC(2026, 2, 10, 20, 0, 0)); // 10 March in UTC and Honolulu, 11 March in Kiritimati
const schema = makeCreateTokenSchema(NOW);
const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const PUBLIC_PEM = p256.publicKey.export({ type: "spki", format: "pem" }).toString();

const valid: CreateTokenInput = {
  title: "  Reporting job  ",
  description: "Nightly export\r\nof devices",
  tokenType: "generated",
  expiresOn: "2026-06-08",
  timeZone: "Pacific/Honolulu",
  permissions: ["device-reports.view", "api-credentials.manage"],
  allowedIps: ["10.0.0.5", "10.0.0.0/24", "::1", "0:0:0:0:0:0:0:1"],
  confirmOpenRange: false,
};

function errors(input: unknown, s: { safeParse(v: unknown): { success: boolean; error?: unknown } } = schema) {
  const r = s.safeParse(input);
  expect(r.success).toBe(false);
  const fieldErrors = zodFieldErrors(r.error as Parameters<typeof zodFieldErrors>[0]);
  // The schemas speak in message keys: read them as an English-speaking user would.
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, list]) => [field, list?.map(inEnglish)])) as typeof fieldErrors;
}

describe("createTokenSchema", () => {
  it("accepts a valid payload and normalises it", () => {
    const r = schema.parse(valid);
    expect(r).toEqual({
      title: "Reporting job",
      description: "Nightly export\nof devices",
      tokenType: "generated",
      publicKey: null,
      expiresOn: "2026-06-08",
      timeZone: "Pacific/Honolulu",
      permissions: ["api-credentials.view", "api-credentials.manage", "device-reports.view"],
      allowedIps: ["10.0.0.5/32", "10.0.0.0/24", "::1/128"],
      confirmOpenRange: false,
    });
    // The output is itself a valid input (the form sends resolver output to the action).
    expect(schema.parse(r)).toEqual(r);
  });

  it("normalises an uploaded key and drops a key sent with a generated token", () => {
    const r = schema.parse({ ...valid, tokenType: "public_key", publicKey: PUBLIC_PEM.replace(/\n/g, "\r\n") });
    expect(r.publicKey).toBe(PUBLIC_PEM);
    expect(schema.parse({ ...valid, publicKey: PUBLIC_PEM }).publicKey).toBeNull();
  });

  it("refuses a tampered payload field by field, in one round", () => {
    const fe = errors({
      ...valid,
      title: "",
      expiresOn: "2026-03-01",
      permissions: ["device-reports.view", "secret.admin"],
      allowedIps: ["010.0.0.1", "10.0.0.1"],
      tokenType: "public_key",
      publicKey: p256.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      isAdmin: true,
    });
    expect(fe.title).toEqual(["Enter a title."]);
    expect(fe.expiresOn).toEqual(["Pick a date after today."]);
    expect(fe.permissions).toEqual(["Unknown permission: secret.admin."]);
    expect(fe["allowedIps.0"]).toEqual(["010.0.0.1: “010” has a leading zero; write it as 10 (leading zeros can mean octal)."]);
    expect(fe.allowedIps).toBeUndefined();
    expect(fe.publicKey).toEqual([inEnglish(PRIVATE_KEY_MESSAGE)]);
    expect(fe._form?.[0]).toContain("isAdmin");
  });

  it("refuses the private key without echoing it", () => {
    const pk = p256.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const r = schema.safeParse({ ...valid, tokenType: "public_key", publicKey: pk });
    expect(JSON.stringify(r.error)).not.toContain(pk.split("\n")[1]);
  });

  it.each([
    ["2026-02-30", "That date doesn't exist."],
    ["2026-03-10", "Pick a date after today."],
    ["2027-03-11", "A token can last at most one year: pick 2027-03-10 or earlier."],
    ["next week", "Enter a date as YYYY-MM-DD."],
  ])("refuses expiresOn %s", (expiresOn, message) => {
    expect(errors({ ...valid, expiresOn }).expiresOn).toEqual([message]);
  });

  it("uses the user's time zone for today and the maximum", () => {
    // In Kiritimati it is already 11 March: the 11th is today there.
    expect(errors({ ...valid, timeZone: "Pacific/Kiritimati", expiresOn: "2026-03-11" }).expiresOn).toEqual([
      "Pick a date after today.",
    ]);
    expect(schema.safeParse({ ...valid, timeZone: "Pacific/Honolulu", expiresOn: "2027-03-11" }).success).toBe(false);
    expect(errors({ ...valid, timeZone: "Mars/Base" }).timeZone).toHaveLength(1);
  });

  it("counts the one-year limit in UTC: a Kiritimati client gets no year and a day (issue 12, item 26)", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW.getTime());
    try {
      for (const timeZone of ["Pacific/Kiritimati", "Etc/GMT-14"]) {
        expect(errors({ ...valid, timeZone, expiresOn: "2027-03-11" }, createTokenSchema).expiresOn).toEqual([
          "A token can last at most one year: pick 2027-03-10 or earlier.",
        ]);
        expect(createTokenSchema.safeParse({ ...valid, timeZone, expiresOn: "2027-03-10" }).success).toBe(true);
        // "Extend expiration" has the same bound.
        expect(makeExtendExpirySchema("2026-06-01").safeParse({ timeZone, expiresOn: "2027-03-11" }).success).toBe(false);
      }
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("reads the clock at validation time by default", () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(createTokenSchema.safeParse({ ...valid, timeZone: "UTC", expiresOn: inTwoDays }).success).toBe(true);
    expect(createTokenSchema.safeParse({ ...valid, timeZone: "UTC", expiresOn: tomorrow }).success).toBe(true);
    let clock = NOW;
    const moving = makeCreateTokenSchema(() => clock);
    expect(moving.safeParse({ ...valid, timeZone: "UTC", expiresOn: "2026-03-11" }).success).toBe(true);
    clock = new Date(Date.UTC(2026, 2, 11, 0, 0, 0));
    expect(moving.safeParse({ ...valid, timeZone: "UTC", expiresOn: "2026-03-11" }).success).toBe(false);
  });

  it.each<[string, string]>([
    ["Report\r\nBcc: victim@example.com", "A title can't contain line breaks or control characters."],
    ["Report\nBcc: x", "A title can't contain line breaks or control characters."],
    ["Tab\there", "A title can't contain line breaks or control characters."],
    ["Line\u2028separator", "A title can't contain line breaks or control characters."],
    ["x".repeat(101), "A title has at most 100 characters."],
    ["x".repeat(10_240), "A title has at most 100 characters."],
    ["   ", "Enter a title."],
    ...["\u200B", "\u200B\u200C\u200D", " \u200E\u200F ", "\u202E\u2066\u2069", "\uFEFF\u2060\u00AD", "\u3164\u115F\u2800", "\u200B".repeat(100)].map(
      (title): [string, string] => [title, "A title needs at least one visible character: this one shows nothing (it is made of invisible characters such as zero-width spaces or direction marks)."],
    ),
  ])("refuses the title %#", (title, message) => {
    expect(errors({ ...valid, title }).title).toEqual([message]);
  });

  it("keeps markup, emoji and RTL marks in titles as text", () => {
    for (const title of ["<script>alert(1)</script>", "Rapport 📊 nightly", "\u202Egnp.exe", "עברית\u200F"]) {
      expect(schema.parse({ ...valid, title }).title).toBe(title);
    }
  });

  it("limits the description to 500 characters and refuses control characters", () => {
    expect(errors({ ...valid, description: "x".repeat(501) }).description).toEqual([
      "A description has at most 500 characters.",
    ]);
    expect(errors({ ...valid, description: "bell\u0007" }).description).toEqual([
      "A description can't contain control characters.",
    ]);
    expect(schema.parse({ ...valid, description: "a\n\tb" }).description).toBe("a\n\tb");
  });

  it("requires at least one permission, caps the count, and adds View to Manage", () => {
    expect(errors({ ...valid, permissions: [] }).permissions).toEqual(["Choose at least one permission."]);
    expect(errors({ ...valid, permissions: [...ALL_PERMISSIONS, "device-reports.view"] }).permissions).toEqual([
      "Too many permissions.",
    ]);
    expect(schema.parse({ ...valid, permissions: ["policies.manage"] }).permissions).toEqual([
      "policies.view",
      "policies.manage",
    ]);
  });

  it("requires a valid public key for an uploaded key", () => {
    expect(errors({ ...valid, tokenType: "public_key" }).publicKey).toEqual(["Paste an EC P-256 public key."]);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" });
    expect(errors({ ...valid, tokenType: "public_key", publicKey: rsa.toString() }).publicKey?.[0]).toContain("RSA");
    expect(errors({ ...valid, tokenType: "symmetric" }).tokenType).toEqual(["Choose a token type."]);
  });

  it("needs confirmation for 0.0.0.0/0 and ::/0", () => {
    expect(errors({ ...valid, allowedIps: ["0.0.0.0/0"] }).confirmOpenRange).toEqual([
      "Allowing 0.0.0.0/0 lets every address use this token. Confirm to continue.",
    ]);
    expect(errors({ ...valid, allowedIps: ["::/0"] }).confirmOpenRange).toEqual([
      "Allowing ::/0 lets every address use this token. Confirm to continue.",
    ]);
    expect(schema.parse({ ...valid, allowedIps: ["0.0.0.0/0"], confirmOpenRange: true }).allowedIps).toEqual([
      "0.0.0.0/0",
    ]);
  });

  it("caps allowed IPs at 100", () => {
    const many = Array.from({ length: 101 }, (_, i) => `10.0.${i}.1`);
    expect(errors({ ...valid, allowedIps: many }).allowedIps).toEqual([
      "A token can have at most 100 allowed IP addresses or ranges.",
    ]);
  });
});

describe("allowedIpsSchema and updateAllowedIpsSchema", () => {
  it("normalises, dedupes and refuses each invalid entry once, by name and reason, at its index", () => {
    expect(allowedIpsSchema.parse(["10.0.0.5/24", "10.0.0.0/24", "::ffff:1.2.3.4"])).toEqual(["10.0.0.0/24", "1.2.3.4/32"]);
    const fe = errors(["1.2.3", "fe80::1%eth0", "10.0.0.1", "1.2.3", "2001:db8::1::2"], allowedIpsSchema);
    expect(fe).toEqual({
      "0": ["1.2.3: an IPv4 address has four numbers separated by dots, like 192.168.1.10."],
      "1": ["fe80::1%eth0: zone IDs (like %eth0) aren't allowed: remove the part from %."],
      "4": ["2001:db8::1::2: “::” may appear only once in an IPv6 address."],
    });
  });

  it("requires the open-range confirmation and refuses extra fields", () => {
    expect(errors({ allowedIps: ["::/0"], confirmOpenRange: false }, updateAllowedIpsSchema).confirmOpenRange).toHaveLength(1);
    expect(updateAllowedIpsSchema.parse({ allowedIps: [], confirmOpenRange: false })).toEqual({ allowedIps: [], confirmOpenRange: false });
    expect(errors({ allowedIps: [], confirmOpenRange: false, tokenId: "x" }, updateAllowedIpsSchema)._form).toHaveLength(1);
  });
});

describe("makeExtendExpirySchema", () => {
  const extend = makeExtendExpirySchema("2026-04-01", NOW);
  it("accepts a later date up to one year from today", () => {
    expect(extend.parse({ expiresOn: "2026-04-02", timeZone: "UTC" })).toEqual({ expiresOn: "2026-04-02", timeZone: "UTC" });
    expect(extend.safeParse({ expiresOn: "2027-03-10", timeZone: "UTC" }).success).toBe(true);
  });
  it.each([
    ["2026-04-01", "Pick a date after the current expiration date, 2026-04-01."],
    ["2026-03-20", "Pick a date after the current expiration date, 2026-04-01."],
    ["2026-03-10", "Pick a date after the current expiration date, 2026-04-01."],
    ["2027-03-11", "A token can last at most one year: pick 2027-03-10 or earlier."],
    ["2026-04-31", "That date doesn't exist."],
  ])("refuses %s", (expiresOn, message) => {
    expect(errors({ expiresOn, timeZone: "UTC" }, extend).expiresOn).toEqual([message]);
  });
  it("still refuses today when the current date is in the past", () => {
    const late = makeExtendExpirySchema("2026-01-01", NOW);
    expect(errors({ expiresOn: "2026-03-10", timeZone: "UTC" }, late).expiresOn).toEqual(["Pick a date after today."]);
  });
});
