import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { describeDetails } from "./event-details";

const en = (d: Record<string, unknown>) => describeDetails(d, translatorFor("en"), "en");
const ja = (d: Record<string, unknown>) => describeDetails(d, translatorFor("ja"), "ja");

describe("event details as readable lines", () => {
  it("token.rotated and token.overlap_ended, in both languages", () => {
    const rotated = { type: "generated", overlap: "24h", previousWorksUntil: "2026-11-23T12:00:00.000Z", endedEarlierOverlap: true };
    const lines = en(rotated);
    expect(lines[1]).toBe("Old credential kept for: 24 hours");
    expect(lines[2]).toMatch(/^Previous credential works until .*2026.* UTC$/);
    expect(lines[3]).toBe("An earlier overlap was ended");
    expect(en({ overlap: "none", previousWorksUntil: null })).toEqual(["Old credential kept for: Stop now", "Previous credential stopped at once"]);
    expect(ja({ overlap: "7d", previousWorksUntil: null })).toEqual(["旧認証情報の有効期間: 7 日間", "旧認証情報はすぐに停止しました"]);
    expect(en({ plannedEnd: "2026-11-23T12:00:00.000Z" })[0]).toMatch(/^Overlap was to end at /);
  });

  const created = { title: "Nightly export", type: "generated", expiresOn: "2026-11-23", permissions: ["device-reports.view", "api-credentials.manage"], allowedIps: 2, deviceGroup: null };

  it("token.created in English", () => {
    expect(en(created)).toEqual([
      "Title: Nightly export",
      "Type: Generated secret",
      "Expiration: 2026-11-23",
      "Permissions: View Device reports, Manage API credentials",
      "2 allowed IP addresses",
      "Device group: all devices",
    ]);
  });

  it("token.created in Japanese, with no recorded key left raw", () => {
    const lines = ja(created);
    expect(lines).toEqual([
      "タイトル: Nightly export",
      "種類: 生成された秘密鍵",
      "有効期限: 2026年11月23日",
      "権限: デバイスレポートの表示、API 認証情報の管理",
      "承認済み IP アドレス 2 件",
      "デバイスグループ: すべてのデバイス",
    ]);
    expect(lines.join(" ")).not.toMatch(/expiresOn|allowedIps|deviceGroup|permissions|generated/);
  });

  it("changes, roles, users and failed API calls", () => {
    expect(ja({ expiresOn: { from: "2026-11-23", to: "2026-12-01" } })).toEqual(["有効期限: 2026年11月23日 → 2026年12月1日"]);
    expect(en({ expiresOn: { from: "2026-11-23", to: "2026-12-01" } })).toEqual(["Expiration 2026-11-23 → 2026-12-01"]);
    expect(en({ allowedIps: { added: ["10.0.0.0/8"], removed: ["192.0.2.1"] } })).toEqual(["IPs added: 10.0.0.0/8", "IPs removed: 192.0.2.1"]);
    expect(ja({ oldRole: "Auditor", newRole: "System Administrator" })).toEqual(["役割: Auditor → システム管理者"]);
    expect(en({ added: ["reach-scripts.run"], removed: [], oldName: "A", newName: "B" })).toEqual(["Permissions added: Run Reach scripts", "Renamed: A → B"]);
    expect(ja({ role: "System Administrator", via: "setup" })).toEqual(["役割: システム管理者", "初期設定で作成"]);
    expect(en({ sessionsEnded: 1 })).toEqual(["1 session ended"]);
    expect(ja({ status: "expired", createdBy: "a@example.com" })).toEqual(["状態: 期限切れ", "作成者: a@example.com"]);
    expect(en({ count: 3, codes: { invalid_signature: 3 }, ips: ["198.51.100.7"], minute: "2026-11-23T07:05:00.000Z" })).toEqual([
      "3 failed requests",
      "Error codes: invalid_signature × 3",
      "Source IPs: 198.51.100.7",
    ]);
  });

  it("a rotation campaign's facts read as sentences, in each language", () => {
    expect(en({ scope: { kind: "older_than", days: 365 }, deadlineOn: "2027-01-31", action: "rotate", enrolled: { tokens: 3, owners: 2, usedRecently: 1 } })).toEqual([
      "Scope: tokens whose secret is older than 365 days",
      "Deadline: 2027-01-31 (23:59:59 UTC)",
      "At the deadline: Rotate automatically",
      "Enrolled: 3 tokens of 2 owners, 1 used in the last 30 days",
    ]);
    expect(ja({ scope: { kind: "users", users: 2 }, action: "revoke", pending: 4 })).toEqual(["対象: 2 人のユーザーのトークン", "期限時の処理: 失効", "未更新のトークン: 4 件"]);
    expect(en({ automatic: true, campaignId: 7, totals: { rotated: 1, rotated_auto: 2, revoked: 0 } })).toEqual([
      "Rotated automatically at the campaign’s deadline; the old secret stopped at once",
      "Rotated by owners: 1; rotated automatically: 2; revoked: 0; no longer live: 0",
    ]);
  });

  it("an unknown key is still shown, as recorded", () => {
    expect(en({ n: 7 })).toEqual(["n: 7"]);
  });
});
