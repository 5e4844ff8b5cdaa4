import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { applyConnectionLimits, connectionLimitsFromEnv, SERVER_OPTIONS, type ConnectionLimits } from "./connection-limits";

const servers: http.Server[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(limits: Partial<ConnectionLimits>, exempt?: (a: string) => boolean): Promise<number> {
  const server = http.createServer(SERVER_OPTIONS, (req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  applyConnectionLimits(server, { ...connectionLimitsFromEnv({}), ...limits }, exempt);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** A slow-body attacker: headers promise a body, then one byte now and then. */
function slowBody(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1", localAddress }, () => {
      s.write("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nx");
      resolve(s);
    });
    s.on("error", () => {});
    s.resume();
    sockets.push(s);
  });
}

function legitimate(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/ok", localAddress: "127.0.0.1", agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end("hello");
  });
}

const closed = (s: net.Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once("close", () => r())));

describe("connection limits", () => {
  it("a legitimate request succeeds while a slow-body flood of 2,000 connections from another address runs", async () => {
    const port = await start({ perAddress: 100 });
    const flood = await Promise.all(Array.from({ length: 2000 }, () => slowBody(port, "127.0.0.2")));
    await expect(legitimate(port)).resolves.toBe("ok");
    // Only the first 100 of the flood were kept; the others were closed at once.
    await new Promise((r) => setTimeout(r, 200));
    expect(flood.filter((s) => !s.destroyed).length).toBeLessThanOrEqual(100);
  }, 30_000);

  it("closes a connection whose body does not arrive within the request timeout", async () => {
    const port = await start({ requestMs: 1_000, headersMs: 1_000 });
    const s = await slowBody(port, "127.0.0.3");
    const started = Date.now();
    await closed(s);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it("does not cap a trusted proxy's address, which carries everyone's traffic", async () => {
    const port = await start({ perAddress: 5 }, (a) => a === "127.0.0.4");
    const viaProxy = await Promise.all(Array.from({ length: 20 }, () => slowBody(port, "127.0.0.4")));
    await new Promise((r) => setTimeout(r, 200));
    expect(viaProxy.filter((s) => !s.destroyed).length).toBe(20);
  }, 10_000);

  it("refuses settings out of range with a message that names them", () => {
    expect(() => connectionLimitsFromEnv({ KEYWARD_MAX_CONNECTIONS_PER_IP: "0" })).toThrow(/KEYWARD_MAX_CONNECTIONS_PER_IP/);
  });
});
