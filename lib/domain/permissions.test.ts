import { describe, expect, it } from "vitest";
import {
  ALL_PERMISSIONS,
  beyondRole,
  capToRole,
  intersectPermissions,
  missingPermissions,
  normalizePermissions,
  permissionLabel,
  permissionName,
  togglePermission,
  unknownPermissions,
} from "./permissions";
import { translatorFor } from "@/lib/i18n/translator";

describe("permission catalogue", () => {
  it("names checkboxes '<Action> <Feature>'", () => {
    expect(permissionLabel("device-reports.view")).toBe("View Device reports");
    expect(permissionLabel("device-fields.manage")).toBe("Manage Device fields");
    expect(permissionLabel("reach-scripts.run")).toBe("Run Reach scripts");
    expect(permissionLabel("freeze-device.perform")).toBe("Perform Freeze device");
  });

  it("names every permission in each language as the API labels it in English, with the glossary's Japanese terms", () => {
    const en = translatorFor("en");
    const ja = translatorFor("ja");
    for (const p of ALL_PERMISSIONS) expect(permissionName(en, p)).toBe(permissionLabel(p));
    expect(permissionName(ja, "device-reports.view")).toBe("デバイスレポートの表示");
    expect(permissionName(ja, "device-fields.manage")).toBe("デバイスフィールドの管理");
    expect(permissionName(ja, "address-location.view")).toBe("アドレスレベルの位置情報の表示");
    expect(permissionName(ja, "reach-scripts.run")).toBe("Reach スクリプトの実行");
    expect(permissionName(ja, "freeze-device.perform")).toBe("デバイスの凍結の実施");
    expect(permissionName(ja, "root.everything")).toBe("root.everything");
  });

  it("has unique permissions and view on every feature", () => {
    expect(new Set(ALL_PERMISSIONS).size).toBe(ALL_PERMISSIONS.length);
    const features = new Set(ALL_PERMISSIONS.map((p) => p.split(".")[0]));
    for (const f of features) expect(ALL_PERMISSIONS).toContain(`${f}.view`);
  });
});

describe("normalizePermissions", () => {
  it("adds view wherever manage is present", () => {
    expect(normalizePermissions(["api-credentials.manage"])).toEqual(["api-credentials.view", "api-credentials.manage"]);
  });

  it("does not add view for other actions' features twice and keeps catalogue order", () => {
    expect(normalizePermissions(["users-roles.manage", "device-reports.view", "users-roles.view"])).toEqual([
      "device-reports.view",
      "users-roles.view",
      "users-roles.manage",
    ]);
  });

  it("drops unknown and duplicate entries", () => {
    expect(normalizePermissions(["nope.view", "geolocation.view", "geolocation.view", "geolocation.manage"])).toEqual(["geolocation.view"]);
    expect(unknownPermissions(["nope.view", "geolocation.view", "geolocation.manage"])).toEqual(["nope.view", "geolocation.manage"]);
  });

  it("does not imply view from run or perform", () => {
    expect(normalizePermissions(["reach-scripts.run"])).toEqual(["reach-scripts.run"]);
  });
});

describe("togglePermission", () => {
  it("checking Manage checks View", () => {
    expect(togglePermission([], "policies.manage", true)).toEqual(["policies.view", "policies.manage"]);
  });
  it("unchecking View unchecks Manage", () => {
    expect(togglePermission(["policies.view", "policies.manage"], "policies.view", false)).toEqual([]);
  });
  it("unchecking Manage keeps View", () => {
    expect(togglePermission(["policies.view", "policies.manage"], "policies.manage", false)).toEqual(["policies.view"]);
  });
});

describe("intersection and missing", () => {
  it("intersects in catalogue order", () => {
    expect(intersectPermissions(["users-roles.view", "api-credentials.view"], ["api-credentials.view", "event-history.view"])).toEqual([
      "api-credentials.view",
    ]);
  });
  it("lists what is missing", () => {
    expect(missingPermissions(["a.view", "b.view"], ["b.view"])).toEqual(["a.view"]);
  });
});

describe("the cap: permissions ∩ the creator's role", () => {
  it("keeps only what the role allows, with Manage in either list also meaning View", () => {
    expect(capToRole(["device-groups.manage", "policies.view"], ["device-groups.manage"])).toEqual(["device-groups.view", "device-groups.manage"]);
    expect(capToRole(["device-groups.view"], ["device-groups.manage"])).toEqual(["device-groups.view"]);
    expect(capToRole(["device-groups.manage"], ["device-groups.view"])).toEqual(["device-groups.view"]);
    expect(capToRole(["policies.view"], [])).toEqual([]);
  });

  it("lists what a request asks beyond the role, in catalogue order", () => {
    expect(beyondRole(["policies.manage", "api-credentials.view"], ["api-credentials.manage", "policies.view"])).toEqual(["policies.manage"]);
    expect(beyondRole(["users-roles.manage"], [])).toEqual(["users-roles.view", "users-roles.manage"]);
    expect(beyondRole(["event-history.view"], ["event-history.view"])).toEqual([]);
  });
});
