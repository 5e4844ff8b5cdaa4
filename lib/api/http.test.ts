import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { callApi, ApiError, signRequest } from "@/lib/api-client";
import { getDb } from "@/lib/db/client";
import { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientIp } from "@/lib/net/client-ip";
import { freshDatabase, insertRole, insertToken, insertUser, type TestToken } from "@/test/api-fixture";
import { handleJwsRequest, MAX_BODY_BYTES, startApiBackground } from "./http";

// The HTTP layer as server.ts drives it: spoofable headers stripped, the client IP resolved from
// the socket (no trusted proxies configured), then handleJwsRequest.
let server: http.Server;
let base: string;
let open: TestToken;
let localOnly: TestToken;
const UNAUTHORIZED_BODY = JSON.stringify({ code: "UNAUTHORIZED", message: "The request signature could not be verified.", details: [] });

beforeAll(async () => {
  freshDatabase();
  const db = getDb(); // the connection handleJwsRequest uses
  const role = insertRole(db, ALL_PERMISSIONS);
  const user = insertUser(db, role);
  open = insertToken(db, { creatorId: user, permissions: ALL_PERMISSIONS });
  localOnly = insertToken(db, { creatorId: user, permissions: ALL_PERMISSIONS, allowedIps: ["10.9.8.0/24"] });
  const proxies = parseTrustedProxies(undefined);
  server = http.createServer((req, res) => {
    delete req.headers[CLIENT_IP_HEADER];
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
    if (req.url === "/jws/validate") return handleJwsRequest(req, res, ip);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/jws/validate`, { method: "POST", headers: { "Content-Type": "text/plain", ...headers }, body });

describe("POST /jws/validate over HTTP", () => {
  it("answers a signed request through the client", async () => {
    const r = await callApi<{ data: unknown[] }>(base, { method: "GET", path: "/v3/configurations/device-groups/groups", tokenId: open.id, secret: open.secret });
    expect(r.data).toHaveLength(4);
  });

  it("refuses a body over 1 MB with 413, without reading it, and keeps serving", async () => {
    const r = await post("a".repeat(MAX_BODY_BYTES + 1));
    expect(r.status).toBe(413);
    expect((await r.json()).code).toBe("PAYLOAD_TOO_LARGE");
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/jws/validate`, { method: "POST", headers: { "Transfer-Encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, "b"));
      req.end();
    });
    expect(chunked).toBe(413);
    const ok = await post(signRequest({ method: "GET", path: "/v3/actions/freeze/messages", tokenId: open.id, secret: open.secret }));
    expect(ok.status).toBe(200);
  });

  it("refuses a non-JSON header and 5 segments with the shared 401", async () => {
    for (const body of [`${Buffer.from("{nope").toString("base64url")}.e30.c2ln`, "a.b.c.d.e"]) {
      const r = await post(body);
      expect(r.status).toBe(401);
      expect(await r.text()).toBe(UNAUTHORIZED_BODY);
    }
  });

  it("refuses other methods", async () => {
    const r = await fetch(`${base}/jws/validate`);
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
  });

  it("judges the allowlist on the TCP peer and ignores a spoofed X-Forwarded-For or client-IP header", async () => {
    const req = { method: "GET" as const, path: "/v3/configurations/device-groups/groups", tokenId: localOnly.id, secret: localOnly.secret };
    const spoofs: Record<string, string>[] = [{}, { "X-Forwarded-For": "10.9.8.7" }, { [CLIENT_IP_HEADER]: "10.9.8.7" }];
    for (const headers of spoofs) {
      const err = await callApi(base, req, { headers }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 403, code: "IP_NOT_ALLOWED", details: [{ ip: "127.0.0.1" }] });
    }
  });

  it("never echoes the secret or the signing input in errors", async () => {
    const jws = signRequest({ method: "GET", path: "/v3/nope", tokenId: open.id, secret: "wrong" });
    const text = await (await post(jws)).text();
    expect(text).toBe(UNAUTHORIZED_BODY);
    const notFound = await (await post(signRequest({ method: "GET", path: "/v3/nope", tokenId: open.id, secret: open.secret }))).text();
    expect(notFound).not.toContain(open.secret!);
    expect(notFound).not.toContain(jws.split(".")[0]);
  });
});

describe("the API is not translated", () => {
  it("answers a Japanese client, for a creator who chose Japanese, with the same English codes and messages", async () => {
    const db = getDb();
    db.$client.prepare(`UPDATE "user" SET language = 'ja' WHERE id = (SELECT creator_id FROM api_tokens WHERE id = ?)`).run(localOnly.id);
    const japanese = { "Accept-Language": "ja-JP,ja;q=0.9", Cookie: "keyward-locale=ja" };
    const refused = await callApi(base, { method: "GET", path: "/v3/configurations/device-groups/groups", tokenId: localOnly.id, secret: localOnly.secret }, { headers: japanese }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: "IP_NOT_ALLOWED", message: "Requests from this IP address are not allowed for this API token." });
    const missing = await callApi(base, { method: "GET", path: "/v3/nope", tokenId: open.id, secret: open.secret }, { headers: japanese }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "NOT_FOUND", message: "There is no resource GET /v3/nope." });
    const unsigned = await post("a.b.c.d.e", japanese);
    expect(await unsigned.text()).toBe(UNAUTHORIZED_BODY);
  });
});

describe("background failure flush", () => {
  it("writes one api.auth_failed event per token and minute from the timer, not one per request", async () => {
    const db = getDb();
    const count = () => (db.$client.prepare(`SELECT count(*) AS n FROM events WHERE action = 'api.auth_failed'`).get() as { n: number }).n;
    const tomorrow = Math.floor(Date.now() / 60_000) * 60_000 + 86_400_000;
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    try {
      vi.setSystemTime(tomorrow + 5_000);
      const stop = startApiBackground(db, 10_000);
      // Flush what earlier tests left, so only this minute's failures remain.
      await vi.advanceTimersByTimeAsync(60_000);
      const before = count();
      vi.setSystemTime(tomorrow + 5 * 60_000 + 5_000);
      for (let i = 0; i < 30; i++) {
        const r = await post(signRequest({ method: "GET", path: "/v3/nope", tokenId: open.id, secret: "wrong", issuedAt: Date.now() + i }));
        expect(r.status).toBe(401);
      }
      await vi.advanceTimersByTimeAsync(20_000);
      expect(count()).toBe(before);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(count()).toBe(before + 1);
      const row = db.$client.prepare(`SELECT actor_id AS actorId, details FROM events WHERE action = 'api.auth_failed' ORDER BY id DESC LIMIT 1`).get() as { actorId: string; details: string };
      expect(row.actorId).toBe(open.id);
      expect(JSON.parse(row.details)).toMatchObject({ count: 30, codes: { UNAUTHORIZED: 30 }, ips: ["127.0.0.1"] });
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
