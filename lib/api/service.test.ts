import crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { signRequest, type SignOptions } from "@/lib/api-client";
import { openDatabase, writeTransaction, type Db } from "@/lib/db/client";
import { encryptTokenSecret } from "@/lib/crypto/token-crypto";
import { ApiService } from "./service";
import { freshDatabase, groupId, insertRole, insertToken, insertUser, setRolePermissions, type TestToken } from "@/test/api-fixture";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const IP = "203.0.113.10";
const GROUPS = "/v3/configurations/device-groups/groups";
const DEVICES = "/v3/reporting/devices";
const UNAUTHORIZED_BODY = JSON.stringify({ code: "UNAUTHORIZED", message: "The request signature could not be verified.", details: [] });

let db: Db;
let dbFile: string;
let api: ApiService;
let roleId: number;
let creatorId: string;
let hs: TestToken;
let es: TestToken;
let issued = NOW;

/** A distinct issuedAt per call, so requests never collide in the replay cache by accident. */
function nextIssuedAt(): number {
  return ++issued;
}

function sign(t: TestToken, o: Partial<SignOptions> = {}): string {
  return signRequest({
    method: "GET",
    path: GROUPS,
    tokenId: t.id,
    ...(t.secret !== undefined ? { secret: t.secret } : { privateKeyPem: t.privateKey }),
    issuedAt: nextIssuedAt(),
    ...o,
  });
}

async function call(jws: string, now = NOW, ip = IP) {
  const r = await api.handle(jws, ip, now);
  return { status: r.status, body: r.body, json: JSON.parse(r.body) as { code?: string; message?: string; details?: unknown[]; data?: unknown; metadata?: { pagination: { nextPage: string | null } } } };
}

/**
 * A write as the console makes it (lib/data: one writeTransaction), which refreshes this
 * process's token state at once. Another connection's writes are seen on the state's next poll.
 */
function commit(sql: string, ...params: unknown[]): void {
  writeTransaction((tx) => tx.$client.prepare(sql).run(...params), db);
}

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function header(t: TestToken, alg: string, extra: Record<string, unknown> = {}) {
  return { alg, kid: t.id, method: "GET", "content-type": "application/json", uri: GROUPS, "query-string": "", issuedAt: nextIssuedAt(), ...extra };
}

function hmacJws(h: object, key: string | Buffer, algorithm = "sha256"): string {
  const input = `${b64(h)}.${b64({})}`;
  return `${input}.${crypto.createHmac(algorithm, key).update(input).digest("base64url")}`;
}

beforeAll(() => {
  ({ db, file: dbFile } = freshDatabase());
  roleId = insertRole(db, ALL_PERMISSIONS);
  creatorId = insertUser(db, roleId);
  hs = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
  es = insertToken(db, { creatorId, type: "public_key", permissions: ALL_PERMISSIONS });
});

beforeEach(() => {
  // A fresh service per test: empty replay cache, key cache, throttles and failure counts.
  api = new ApiService(db, { skewMs: 300_000 });
});

describe("published HS256 conformance vector", () => {
  const VECTOR_KID = "ce9778bf-exam-p1ec-afe3-91e9355603a3";
  const SECRET = "a1bdcd23e45fHn6JNxU/CulSiR7feComPEMcQp8k9bKFDfLE6v+//ROJcbVLaZ1qsaZpygsecretKeyExample==";
  const HEADER =
    '{"alg":"HS256","kid":"ce9778bf-exam-p1ec-afe3-91e9355603a3","method":"GET","content-type":"application/json","uri":"/v3/reporting/applications","query-string":"orderBy=esn%2CdeviceName%3Adesc%2CdeviceUid%3Aasc","issuedAt":1638572152000}';
  const SIGNATURE = "szxYnuRrK1GlCUWu7rKp2VXobmmZXG3US92gnuYKrrA";
  const JWS = `${b64(HEADER)}.e30.${SIGNATURE}`;
  const ISSUED = 1638572152000;

  beforeAll(() => {
    insertToken(db, { creatorId, id: VECTOR_KID, secret: SECRET, permissions: ALL_PERMISSIONS, expiresOn: "2021-12-31" });
  });

  it("is what the signing client produces for the same request", () => {
    const signed = signRequest({
      method: "GET",
      path: "/v3/reporting/applications",
      query: "orderBy=esn%2CdeviceName%3Adesc%2CdeviceUid%3Aasc",
      tokenId: VECTOR_KID,
      secret: SECRET,
      issuedAt: ISSUED,
    });
    expect(signed).toBe(JWS);
  });

  it("is accepted with the verifier's clock at its issuedAt (authenticated; the resource itself is not in the first set)", async () => {
    const r = await call(JWS, ISSUED);
    expect(r.status).toBe(404);
    expect(r.json.code).toBe("NOT_FOUND");
  });

  it("is rejected with the clock 6 minutes later or earlier", async () => {
    expect((await new ApiService(db).handle(JWS, IP, ISSUED + 6 * 60_000)).status).toBe(401);
    expect((await new ApiService(db).handle(JWS, IP, ISSUED - 6 * 60_000)).status).toBe(401);
  });

  it("is rejected when the token's secret is another one", async () => {
    db.$client.prepare(`UPDATE api_tokens SET secret_ciphertext = ? WHERE id = ?`).run(encryptTokenSecret(VECTOR_KID, "another-secret"), VECTOR_KID);
    expect((await new ApiService(db).handle(JWS, IP, ISSUED)).body).toBe(UNAUTHORIZED_BODY);
  });
});

describe("signature and request checks (SECURITY.md, API authentication)", () => {
  it("accepts a valid HS256 and a valid ES256 request", async () => {
    expect((await call(sign(hs))).status).toBe(200);
    expect((await call(sign(es))).status).toBe(200);
  });

  it("refuses the same JWS sent twice (replay), for both algorithms", async () => {
    for (const t of [hs, es]) {
      const jws = sign(t);
      expect((await call(jws)).status).toBe(200);
      const again = await call(jws, NOW + 1000);
      expect(again.status).toBe(401);
      expect(again.json.code).toBe("REQUEST_REPLAYED");
    }
  });

  it("refuses an ES256 signature re-encoded as (r, n−s), which is valid but the same request", async () => {
    const jws = sign(es);
    expect((await call(jws)).status).toBe(200);
    const [h, p, s] = jws.split(".");
    const sig = Buffer.from(s, "base64url");
    const n = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    const sPrime = n - BigInt(`0x${sig.subarray(32).toString("hex")}`);
    const malleated = Buffer.concat([sig.subarray(0, 32), Buffer.from(sPrime.toString(16).padStart(64, "0"), "hex")]);
    expect(crypto.verify("sha256", Buffer.from(`${h}.${p}`), { key: es.publicKeyPem!, dsaEncoding: "ieee-p1363" }, malleated)).toBe(true);
    expect((await call(`${h}.${p}.${malleated.toString("base64url")}`)).json.code).toBe("REQUEST_REPLAYED");
  });

  it.each([
    ["6 minutes late", -6 * 60_000, 401],
    ["6 minutes early", 6 * 60_000, 401],
    ["4 minutes late", -4 * 60_000, 200],
    ["4 minutes early", 4 * 60_000, 200],
  ])("issuedAt %s → %i", async (_label, offset, status) => {
    const r = await call(sign(hs, { issuedAt: NOW + offset + nextIssuedAt() - NOW }));
    expect(r.status).toBe(status);
    if (status === 401) expect(r.json.code).toBe("REQUEST_TIME_INVALID");
  });

  it("honours KEYWARD_API_CLOCK_SKEW_SECONDS", async () => {
    const prev = process.env.KEYWARD_API_CLOCK_SKEW_SECONDS;
    process.env.KEYWARD_API_CLOCK_SKEW_SECONDS = "60";
    try {
      const strict = new ApiService(db);
      expect((await strict.handle(sign(hs, { issuedAt: NOW - 90_000 }), IP, NOW)).status).toBe(401);
      expect((await strict.handle(sign(hs, { issuedAt: NOW - 30_000 }), IP, NOW)).status).toBe(200);
    } finally {
      if (prev === undefined) delete process.env.KEYWARD_API_CLOCK_SKEW_SECONDS;
      else process.env.KEYWARD_API_CLOCK_SKEW_SECONDS = prev;
    }
  });

  it("refuses alg none, an empty signature and HS512 with the shared 401", async () => {
    const none = `${b64(header(hs, "none"))}.${b64({})}.`;
    const emptySig = hmacJws(header(hs, "HS256"), hs.secret!).replace(/\.[^.]+$/, ".");
    const hs512 = hmacJws(header(hs, "HS512"), hs.secret!, "sha512");
    for (const jws of [none, emptySig, hs512]) expect((await call(jws)).body).toBe(UNAUTHORIZED_BODY);
  });

  it("refuses an ES256 token's request signed HS256 with its public PEM (algorithm confusion)", async () => {
    expect((await call(hmacJws(header(es, "HS256"), es.publicKeyPem!))).body).toBe(UNAUTHORIZED_BODY);
    expect((await call(hmacJws(header(es, "HS256"), Buffer.from(es.publicKeyPem!)))).status).toBe(401);
  });

  it("refuses an HS256 token's request claiming ES256", async () => {
    const h = header(hs, "ES256");
    const input = `${b64(h)}.${b64({})}`;
    const key = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const sig = crypto.sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
    expect((await call(`${input}.${sig.toString("base64url")}`)).body).toBe(UNAUTHORIZED_BODY);
  });

  it("refuses DER-encoded and r = s = 0 ES256 signatures", async () => {
    const input = `${b64(header(es, "ES256"))}.${b64({})}`;
    const der = crypto.sign("sha256", Buffer.from(input), { key: es.privateKey!, dsaEncoding: "der" });
    expect(crypto.verify("sha256", Buffer.from(input), { key: es.publicKeyPem!, dsaEncoding: "der" }, der)).toBe(true);
    expect((await call(`${input}.${der.toString("base64url")}`)).body).toBe(UNAUTHORIZED_BODY);
    expect((await call(`${input}.${Buffer.alloc(64).toString("base64url")}`)).body).toBe(UNAUTHORIZED_BODY);
  });

  it("answers unknown kid, SQL in kid, another token's kid, bad signature and malformed requests byte-identically", async () => {
    const other = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    const bodies = [
      (await call(hmacJws(header({ id: crypto.randomUUID() }, "HS256"), hs.secret!))).body,
      (await call(hmacJws(header({ id: "' OR 1=1; DROP TABLE api_tokens; --" }, "HS256"), hs.secret!))).body,
      (await call(hmacJws(header(other, "HS256"), hs.secret!))).body,
      (await call(hmacJws(header(hs, "HS256"), "wrong secret"))).body,
      (await call(`${b64("not json")}.${b64({})}.${b64("sig")}`)).body,
      (await call("a.b.c.d.e")).body,
      (await call("")).body,
      (await call(`${b64({ ...header(hs, "HS256"), issuedAt: "yesterday" })}.${b64({})}.${b64("x")}`)).body,
      (await call(`${b64({ ...header(hs, "HS256"), crit: ["exp"] })}.${b64({})}.${b64("x")}`)).body,
    ];
    for (const b of bodies) expect(b).toBe(UNAUTHORIZED_BODY);
    expect(db.$client.prepare(`SELECT count(*) AS n FROM api_tokens`).get()).toMatchObject({ n: expect.any(Number) });
  });

  it("refuses a non-canonical base64url signature (trailing bits) rather than treating it as another request", async () => {
    const jws = sign(hs);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const signature = jws.slice(jws.lastIndexOf(".") + 1);
    // 43 characters for 32 bytes: the last one's two low bits are unused. Setting one spells
    // the very same signature bytes another way.
    const variant = signature.slice(0, -1) + alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1];
    expect(Buffer.from(variant, "base64url")).toEqual(Buffer.from(signature, "base64url"));
    expect((await call(jws.slice(0, -signature.length) + variant)).body).toBe(UNAUTHORIZED_BODY);
    expect((await call(jws)).status).toBe(200);
  });
});

describe("token status", () => {
  it("refuses a revoked token on the very next request", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    expect((await call(sign(t))).status).toBe(200);
    commit(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, NOW, t.id);
    const r = await call(sign(t));
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ code: "TOKEN_REVOKED", message: "The API token was revoked.", details: [] });
  });

  it("is valid through 23:59:59.999 UTC of its expiry date and expired at 00:00:00.000", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS, expiresOn: "2026-11-22" });
    const lastMs = Date.UTC(2026, 10, 22, 23, 59, 59, 999);
    expect((await call(sign(t, { issuedAt: lastMs }), lastMs)).status).toBe(200);
    const r = await call(sign(t, { issuedAt: lastMs + 1 }), lastMs + 1);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ code: "TOKEN_EXPIRED", message: "The API token expired on 2026-11-22.", details: [] });
  });

  it("refuses a token whose creator is suspended, and accepts it again after reactivation", async () => {
    const role = insertRole(db, ALL_PERMISSIONS);
    const user = insertUser(db, role);
    const t = insertToken(db, { creatorId: user, permissions: ALL_PERMISSIONS });
    expect((await call(sign(t))).status).toBe(200);
    commit(`UPDATE "user" SET status = 'suspended' WHERE id = ?`, user);
    const r = await call(sign(t));
    expect(r.status).toBe(401);
    expect(r.json.code).toBe("TOKEN_SUSPENDED");
    commit(`UPDATE "user" SET status = 'active' WHERE id = ?`, user);
    expect((await call(sign(t))).status).toBe(200);
  });

  it("refuses a deleted token like an unknown one", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    expect((await call(sign(t))).status).toBe(200);
    commit(`DELETE FROM api_tokens WHERE id = ?`, t.id);
    expect((await call(sign(t))).body).toBe(UNAUTHORIZED_BODY);
  });

  it("sees another process's revocation on the state's next poll, and a token it just created at once", async () => {
    const other = openDatabase(dbFile);
    try {
      const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
      expect((await call(sign(t))).status).toBe(200);
      other.$client.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`).run(NOW, t.id);
      api.state.poll(); // what the server's timer does every 250 ms
      expect((await call(sign(t))).json.code).toBe("TOKEN_REVOKED");

      // Created by the other connection after this process loaded its state: an unknown kid
      // makes the service look again when the database changed, instead of waiting for the poll.
      const fresh = insertToken(other, { creatorId, permissions: ALL_PERMISSIONS });
      expect((await call(sign(fresh))).status).toBe(200);
    } finally {
      other.$client.close();
    }
  });
});

describe("allowed IP addresses", () => {
  it("refuses a caller outside the allowlist with 403 and accepts one inside, IPv4-mapped included", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS, allowedIps: ["10.1.0.0/16", "2001:db8::/32"] });
    const r = await call(sign(t), NOW, "203.0.113.10");
    expect(r.status).toBe(403);
    expect(r.json.code).toBe("IP_NOT_ALLOWED");
    expect((await call(sign(t), NOW, "10.1.2.3")).status).toBe(200);
    expect((await call(sign(t), NOW, "::ffff:10.1.2.3")).status).toBe(200);
    expect((await call(sign(t), NOW, "2001:db8::5")).status).toBe(200);
    expect((await call(sign(t), NOW, "::ffff:10.2.0.1")).status).toBe(403);
  });
});

describe("permissions", () => {
  it("names the missing permission (Reach scripts: run)", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS.filter((p) => p !== "reach-scripts.run") });
    const r = await call(sign(t, { path: "/v3/actions/reach/scripts" }));
    expect(r.status).toBe(403);
    expect(r.json.code).toBe("FORBIDDEN");
    expect(r.json.details).toEqual([{ permission: "reach-scripts.run", label: "Run Reach scripts" }]);
    expect((await call(sign(hs, { path: "/v3/actions/reach/scripts" }))).status).toBe(200);
  });

  it("caps a token by its creator's current role: a demotion applies to the next request", async () => {
    const role = insertRole(db, ALL_PERMISSIONS);
    const user = insertUser(db, role);
    const t = insertToken(db, { creatorId: user, permissions: ALL_PERMISSIONS });
    expect((await call(sign(t))).status).toBe(200);
    writeTransaction(() => setRolePermissions(db, role, ALL_PERMISSIONS.filter((p) => p !== "device-groups.view" && p !== "device-groups.manage")), db);
    const r = await call(sign(t));
    expect(r.status).toBe(403);
    expect(r.json.details).toEqual([{ permission: "device-groups.view", label: "View Device groups" }]);
  });

  it("requires Geolocation and Address-level location to select geoData", async () => {
    const noGeo = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS.filter((p) => p !== "geolocation.view") });
    const r = await call(sign(noGeo, { path: DEVICES, query: { select: "deviceName,geoData" } }));
    expect(r.status).toBe(403);
    expect(r.json.details).toEqual([{ permission: "geolocation.view", label: "View Geolocation" }]);
    expect((await call(sign(noGeo, { path: DEVICES, query: { select: "deviceName" } }))).status).toBe(200);
    const ok = await call(sign(hs, { path: DEVICES, query: { select: "deviceName,geoData", pageSize: 1 } }));
    expect(ok.status).toBe(200);
    const [device] = ok.json.data as { deviceName: string; geoData: { latitude: number; address: string } }[];
    expect(Object.keys(device)).toEqual(["deviceName", "geoData"]);
    expect(device.geoData.address).toMatch(/\d+ /);
  });

  it("answers 404 for an unknown resource, after authentication", async () => {
    const r = await call(sign(hs, { path: "/v3/nothing/here" }));
    expect(r.status).toBe(404);
    expect(r.json.code).toBe("NOT_FOUND");
  });
});

describe("resources", () => {
  type Device = { deviceUid: string; deviceName: string; deviceGroupName: string };

  async function allPages(t: TestToken, pageSize: number) {
    const pages: Device[][] = [];
    let next: string | null = null;
    for (let i = 0; i < 100; i++) {
      const query: Record<string, string | number> = { pageSize };
      if (next) query.nextPage = next;
      const r = await call(sign(t, { path: DEVICES, query }));
      expect(r.status).toBe(200);
      pages.push(r.json.data as Device[]);
      next = r.json.metadata!.pagination.nextPage;
      if (!next) break;
    }
    return pages;
  }

  it("pages through all devices with the keyset cursor, no duplicates, no gaps", async () => {
    const pages = await allPages(hs, 100);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 20]);
    const uids = pages.flat().map((d) => d.deviceUid);
    expect(new Set(uids).size).toBe(320);
    const names = pages.flat().map((d) => d.deviceName);
    expect(names).toEqual([...names].sort());
  });

  it("defaults to 50 per page and refuses pageSize over 500 or a forged cursor", async () => {
    expect(((await call(sign(hs, { path: DEVICES }))).json.data as Device[]).length).toBe(50);
    expect((await call(sign(hs, { path: DEVICES, query: { pageSize: 500 } }))).status).toBe(200);
    expect((await call(sign(hs, { path: DEVICES, query: { pageSize: 501 } }))).status).toBe(400);
    expect((await call(sign(hs, { path: DEVICES, query: { nextPage: "garbage!" } }))).status).toBe(400);
    expect((await call(sign(hs, { path: DEVICES, query: { select: "deviceName,password" } }))).status).toBe(400);
  });

  it("filters by deviceName", async () => {
    const r = await call(sign(hs, { path: DEVICES, query: { deviceName: "kiosk-00", pageSize: 500 } }));
    const names = (r.json.data as Device[]).map((d) => d.deviceName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith("KIOSK-00"))).toBe(true);
  });

  it("scopes a device-group token to its group's devices and group", async () => {
    const kiosks = groupId(db, "Kiosks");
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS, deviceScope: "group", deviceGroupId: kiosks });
    const devices = (await allPages(t, 500)).flat();
    expect(devices.length).toBe(80);
    expect(devices.every((d) => d.deviceGroupName === "Kiosks")).toBe(true);
    const groups = (await call(sign(t))).json.data as { name: string; deviceCount: number }[];
    expect(groups).toEqual([{ id: kiosks, name: "Kiosks", deviceCount: 80 }]);
    expect(((await call(sign(hs))).json.data as unknown[]).length).toBe(4);
  });

  it("gives a 'none'-scoped token no devices and no groups", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS, deviceScope: "none" });
    expect((await call(sign(t, { path: DEVICES }))).json.data).toEqual([]);
    expect((await call(sign(t))).json.data).toEqual([]);
  });

  it("reports devices missing within scope only, and lists them", async () => {
    const hq = groupId(db, "Headquarters");
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS, deviceScope: "group", deviceGroupId: hq });
    const [hqDevice] = (await call(sign(t, { path: DEVICES, query: { pageSize: 1 } }))).json.data as Device[];
    const [kioskDevice] = (await call(sign(hs, { path: DEVICES, query: { deviceName: "KIOSK", pageSize: 1 } }))).json.data as Device[];

    const refused = await call(sign(t, { method: "POST", path: "/v3/tracking/device-missing/missing", body: { deviceUids: [hqDevice.deviceUid, kioskDevice.deviceUid] } }));
    expect(refused.status).toBe(400);
    expect(refused.json.details).toEqual([{ field: "data.deviceUids", deviceUid: kioskDevice.deviceUid, message: "No device with this ID." }]);

    const ok = await call(sign(t, { method: "POST", path: "/v3/tracking/device-missing/missing", body: { deviceUids: [hqDevice.deviceUid] } }));
    expect(ok.status).toBe(200);
    const listed = (await call(sign(t, { path: "/v3/tracking/device-missing/missing" }))).json.data as { deviceUid: string; deviceGroupName: string; reportedAt: string | null }[];
    expect(listed.find((d) => d.deviceUid === hqDevice.deviceUid)?.reportedAt).toBe(new Date(NOW).toISOString());
    expect(listed.every((d) => d.deviceGroupName === "Headquarters")).toBe(true);
    expect((await call(sign(t, { method: "POST", path: "/v3/tracking/device-missing/missing", body: { deviceUids: [] } }))).status).toBe(400);
  });

  it("lists reach scripts and freeze messages, and records a freeze request", async () => {
    expect(((await call(sign(hs, { path: "/v3/actions/reach/scripts" }))).json.data as unknown[]).length).toBe(4);
    const messages = (await call(sign(hs, { path: "/v3/actions/freeze/messages" }))).json.data as { id: string }[];
    expect(messages.map((m) => m.id)).toContain("fm-lost");
    const [device] = (await call(sign(hs, { path: DEVICES, query: { pageSize: 1 } }))).json.data as Device[];
    const r = await call(sign(hs, { method: "POST", path: "/v3/actions/requests/freeze", body: { deviceUids: [device.deviceUid], messageId: "fm-lost" } }));
    expect(r.status).toBe(200);
    expect(db.$client.prepare(`SELECT frozen FROM devices WHERE uid = ?`).get(device.deviceUid)).toEqual({ frozen: 1 });
    expect((await call(sign(hs, { method: "POST", path: "/v3/actions/requests/freeze", body: { deviceUids: [device.deviceUid], messageId: "nope" } }))).status).toBe(400);
  });
});

describe("usage bookkeeping", () => {
  it("writes last_used_at at most once a minute per token", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    const lastUsed = () => (db.$client.prepare(`SELECT last_used_at AS v FROM api_tokens WHERE id = ?`).get(t.id) as { v: number | null }).v;
    expect(lastUsed()).toBeNull();
    expect((await call(sign(t, { issuedAt: NOW }), NOW)).status).toBe(200);
    expect(lastUsed()).toBe(NOW);
    expect((await call(sign(t, { issuedAt: NOW + 30_000 }), NOW + 30_000)).status).toBe(200);
    expect(lastUsed()).toBe(NOW);
    expect((await call(sign(t, { issuedAt: NOW + 61_000 }), NOW + 61_000)).status).toBe(200);
    expect(lastUsed()).toBe(NOW + 61_000);
  });

  it("writes last_used_at once a minute across processes too: another process's use within the minute writes nothing", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    const lastUsed = () => (db.$client.prepare(`SELECT last_used_at AS v FROM api_tokens WHERE id = ?`).get(t.id) as { v: number | null }).v;
    const otherDb = openDatabase(dbFile);
    try {
      const other = new ApiService(otherDb);
      expect((await call(sign(t, { issuedAt: NOW }), NOW)).status).toBe(200);
      expect((await other.handle(sign(t, { issuedAt: NOW + 20_000 }), IP, NOW + 20_000)).status).toBe(200);
      expect(lastUsed()).toBe(NOW);
      // Its own throttle counts from its try at +20 s; a minute after that, it writes.
      expect((await other.handle(sign(t, { issuedAt: NOW + 80_000 }), IP, NOW + 80_000)).status).toBe(200);
      expect(lastUsed()).toBe(NOW + 80_000);
    } finally {
      otherDb.$client.close();
    }
  });

  it("aggregates authentication failures into one event per token (or unknown kid) per minute", async () => {
    const t = insertToken(db, { creatorId, permissions: ALL_PERMISSIONS });
    const events = () =>
      db.$client.prepare(`SELECT actor_type AS actorType, actor_id AS actorId, details FROM events WHERE action = 'api.auth_failed' ORDER BY id`).all() as { actorType: string; actorId: string | null; details: string }[];
    const before = events().length;
    const minute = Math.floor(NOW / 60_000) * 60_000;
    for (let i = 0; i < 40; i++) await call(hmacJws(header(t, "HS256"), "wrong"), minute + i * 100);
    commit(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, NOW, t.id);
    for (let i = 0; i < 5; i++) await call(sign(t, { issuedAt: minute + 5000 + i }), minute + 5000 + i);
    for (let i = 0; i < 25; i++) await call(hmacJws(header({ id: crypto.randomUUID() }, "HS256"), "x"), minute + i * 100);

    expect(await api.flushFailures(minute + 59_000)).toBe(0);
    expect(events().length).toBe(before);
    expect(await api.flushFailures(minute + 60_000)).toBe(2);
    const written = events().slice(before);
    expect(written).toHaveLength(2);
    const byToken = written.find((e) => e.actorId === t.id)!;
    expect(byToken.actorType).toBe("token");
    expect(JSON.parse(byToken.details)).toMatchObject({ count: 45, codes: { UNAUTHORIZED: 40, TOKEN_REVOKED: 5 } });
    const anonymous = written.find((e) => e.actorType === "anonymous")!;
    expect(JSON.parse(anonymous.details)).toMatchObject({ count: 25, codes: { UNAUTHORIZED: 25 } });

    await call(hmacJws(header(t, "HS256"), "wrong"), minute + 61_000);
    expect(await api.flushFailures(minute + 121_000)).toBe(1);
    expect(JSON.stringify(events())).not.toContain(t.secret!);
  });
});
