import { afterEach, describe, expect, it, vi } from "vitest";
import { clock } from "./clock";
import { campaignIdSchema, newCampaignSchema, startCampaignSchema } from "./campaign-schemas";
import { zodFieldErrors } from "./errors";
import type { NewCampaign } from "@/lib/rotation/campaigns";

const NOW = Date.parse("2026-12-07T16:00:00Z");
const valid = { name: "Yearly renewal", reason: "Our provider renews every key.", scope: { kind: "all" }, deadlineOn: "2026-12-31", action: "rotate" } as const;

function errorsOf(input: unknown) {
  const r = newCampaignSchema.safeParse(input);
  return r.success ? {} : zodFieldErrors(r.error);
}

afterEach(() => vi.restoreAllMocks());

describe("newCampaignSchema", () => {
  it("parses a valid form into a NewCampaign", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    const parsed: NewCampaign = newCampaignSchema.parse({ ...valid, name: "  Yearly renewal ", scope: { kind: "users", userIds: ["u1", "u2", "u1"], days: 5 } });
    expect(parsed).toEqual({ ...valid, scope: { kind: "users", userIds: ["u1", "u2"] } });
    expect(newCampaignSchema.parse({ ...valid, scope: { kind: "older_than", days: 365, userIds: [] } }).scope).toEqual({ kind: "older_than", days: 365 });
    // The fields of the other kinds are dropped.
    expect(newCampaignSchema.parse({ ...valid, scope: { kind: "all", days: 4, userIds: ["u1"] } }).scope).toEqual({ kind: "all" });
  });

  it("requires a name and a reason within their lengths", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    expect(errorsOf({ ...valid, name: "  ", reason: "" })).toEqual({ name: ["campaigns.rules.nameRequired"], reason: ["campaigns.rules.reasonRequired"] });
    expect(errorsOf({ ...valid, name: "x".repeat(101) }).name).toEqual(['campaigns.rules.nameTooLong|{"max":100}']);
    expect(errorsOf({ ...valid, name: "x".repeat(100) })).toEqual({});
    expect(errorsOf({ ...valid, name: "a\nb" }).name).toEqual(["campaigns.rules.nameLineBreak"]);
    expect(errorsOf({ ...valid, reason: "y".repeat(1001) }).reason).toEqual(['campaigns.rules.reasonTooLong|{"max":1000}']);
    expect(newCampaignSchema.parse({ ...valid, reason: " line one\r\nline two " }).reason).toBe("line one\nline two");
  });

  it("checks the scope's days (1…3650) and users (at least one)", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    const daysMessage = ['campaigns.rules.daysRange|{"min":1,"max":3650}'];
    expect(errorsOf({ ...valid, scope: { kind: "older_than" } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: 0 } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: 3651 } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: 1.5 } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: 3650 } })).toEqual({});
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: Number.NaN } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "older_than", days: "30" } })).toEqual({ "scope.days": daysMessage });
    expect(errorsOf({ ...valid, scope: { kind: "all", days: Number.NaN } })).toEqual({});
    expect(errorsOf({ ...valid, scope: { kind: "users", userIds: [] } })).toEqual({ "scope.userIds": ["campaigns.rules.usersRequired"] });
    expect(errorsOf({ ...valid, scope: { kind: "some" } })["scope.kind"]).toEqual(["campaigns.rules.scopeRequired"]);
  });

  it("takes a deadline from tomorrow to 90 days ahead (UTC), by the clock at validation time", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    expect(errorsOf({ ...valid, deadlineOn: "2026-12-07" })).toEqual({ deadlineOn: ['campaignRules.deadlineTooSoon|{"min":"2026-12-08"}'] });
    expect(errorsOf({ ...valid, deadlineOn: "2026-12-08" })).toEqual({});
    expect(errorsOf({ ...valid, deadlineOn: "2027-03-07" })).toEqual({});
    expect(errorsOf({ ...valid, deadlineOn: "2027-03-08" })).toEqual({ deadlineOn: ['campaignRules.deadlineTooFar|{"max":"2027-03-07","days":90}'] });
    expect(errorsOf({ ...valid, deadlineOn: "2026-02-30" })).toEqual({ deadlineOn: ["campaignRules.deadlineInvalid"] });
    expect(errorsOf({ ...valid, deadlineOn: "" })).toEqual({ deadlineOn: ["campaignRules.deadlineInvalid"] });
    // A day later, the first valid date moves with the clock.
    vi.spyOn(clock, "now").mockReturnValue(NOW + 86_400_000);
    expect(errorsOf({ ...valid, deadlineOn: "2026-12-08" }).deadlineOn).toHaveLength(1);
  });

  it("requires an action and refuses unknown keys (a tampered payload)", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    expect(errorsOf({ ...valid, action: "delete" })).toEqual({ action: ["campaigns.rules.actionRequired"] });
    expect(Object.keys(errorsOf({ ...valid, extra: 1 }))).toEqual(["_form"]);
    expect(Object.keys(errorsOf({ ...valid, scope: { kind: "all", extra: 1 } }))).toEqual(["scope"]);
  });
});

describe("the action schemas", () => {
  it("Start campaign takes the form and the preview seen; campaigns are named by a positive ID", () => {
    vi.spyOn(clock, "now").mockReturnValue(NOW);
    expect(startCampaignSchema.safeParse({ values: valid, expected: { tokens: 3, owners: 2, usedRecently: 1 } }).success).toBe(true);
    expect(startCampaignSchema.safeParse({ values: valid }).success).toBe(true);
    expect(startCampaignSchema.safeParse({ values: valid, expected: { tokens: -1, owners: 2, usedRecently: 1 } }).success).toBe(false);
    expect(campaignIdSchema.safeParse({ campaignId: 0 }).success).toBe(false);
    expect(campaignIdSchema.safeParse({ campaignId: "1" }).success).toBe(false);
    expect(campaignIdSchema.parse({ campaignId: 7 })).toEqual({ campaignId: 7 });
  });
});
