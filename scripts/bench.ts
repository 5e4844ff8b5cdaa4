// `npm run bench`: how much of a bare node:http server's throughput the signed API keeps.
// Pre-signs distinct requests (so replay protection never trips), then drives with autocannon
// (a) a bare node:http baseline that reads the body and answers 200, (b) /jws/validate with
// HS256 and (c) with ES256, (d) the plain path with an OAuth bearer access token, all against
// GET /v3/configurations/device-groups/groups, and (e) POST /oauth/token (client_secret_basic).
// The p99 goals are judged at half the measured rate, beside the bare server paced at the same
// rate: the p99 this machine gives a server that does nothing.
// Keyward runs as `npm start` runs it (the esbuild bundle in dist/, plain Node). Each line also
// shows the CPU the server and the load generator spent per request. Loopback only. BENCH_PORT picks the first of three ports (default: free ones); BENCH_CPU_PROF=1
// writes a V8 CPU profile of the Keyward server to ./bench-profiles.
import { spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { openDatabase, runMigrations } from "../lib/db/client";
import { onSqlite } from "../lib/db/database";
import { BENCH_DIST, bundleServer, ensureBuild, freePort, ROOT, startChild } from "./bench-support";
import { seed } from "../lib/db/seed";
import { ALL_PERMISSIONS } from "../lib/domain/permissions";
import { signRequest } from "../lib/api-client/index";
import { insertRole, insertToken, insertUser } from "../test/api-fixture";

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const HS_COUNT = Number(process.env.BENCH_HS_REQUESTS ?? 400_000);
const ES_COUNT = Number(process.env.BENCH_ES_REQUESTS ?? 120_000);
const RESOURCE = "/v3/configurations/device-groups/groups";
const MASTER_KEY = crypto.randomBytes(32).toString("base64");

const children: ChildProcess[] = [];

/** A child that bench tears down at the end. */
function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  const started = startChild(args, env, ready);
  children.push(started.child);
  return started.ready;
}

const BASELINE = `
const http = require("node:http");
http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ data: [], bytes: body.length }));
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline ready"));
`;

/** One autocannon run; every request takes the next pre-signed body, so none repeats. */
async function drive(url: string, bodies: string[], seconds: number, cursor: { i: number }): Promise<CannonResult> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/jws/validate",
        headers: { "content-type": "text/plain" },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[cursor.i++ % bodies.length] }),
      },
    ],
  });
}

/** CPU time (ms) a process has used so far, from /proc (Linux): user + system. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
}
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim()) || 100;

/**
 * Runs one measured load and prints it with the CPU each side spent per request: the server's
 * (from /proc) and the load generator's (this process). Throughput on a shared 2-core machine
 * is noisy; CPU per request says where the time went regardless of what else is running.
 */
async function phase(label: string, serverPid: number, run: () => Promise<CannonResult>, extra: () => string = () => ""): Promise<CannonResult> {
  const s0 = cpuMs(serverPid);
  const c0 = process.cpuUsage();
  const r = await run();
  const c = process.cpuUsage(c0);
  const served = r.requests.total;
  const serverUs = ((cpuMs(serverPid) - s0) * 1000) / served;
  const clientUs = (c.user + c.system) / served;
  console.log(
    `${label.padEnd(12)} ${r.requests.average.toFixed(0).padStart(7)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  ` +
      `server CPU ${serverUs.toFixed(1).padStart(5)} µs/req  load generator CPU ${clientUs.toFixed(1).padStart(5)} µs/req  non-2xx ${r.non2xx}  errors ${r.errors}${extra()}`,
  );
  return r;
}

async function measure(label: string, url: string, serverPid: number, bodies: string[], verifies = true) {
  const cursor = { i: 0 };
  await drive(url, bodies, WARMUP_S, cursor);
  const before = cursor.i;
  return phase(label, serverPid, () => drive(url, bodies, DURATION_S, cursor), () => {
    const wrapped = verifies && cursor.i > bodies.length;
    return `  bodies used ${cursor.i - before}${wrapped ? " (WRAPPED: replays counted as non-2xx)" : ""}`;
  });
}

/** A fixed request repeated: bearer calls and token exchanges need no per-request body. */
async function measureFixed(label: string, url: string, serverPid: number, request: Record<string, unknown>) {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, requests: [request] });
  return phase(label, serverPid, () => autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests: [request] }));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-bench-"));
  const dbFile = path.join(dir, "bench.db");
  process.env.KEYWARD_SECRET_KEY = MASTER_KEY;
  const db = openDatabase(dbFile);
  runMigrations(db);
  await seed(onSqlite(db));
  const creator = insertUser(db, insertRole(db, ALL_PERMISSIONS));
  const hs = insertToken(db, { creatorId: creator, permissions: ALL_PERMISSIONS });
  const es = insertToken(db, { creatorId: creator, type: "public_key", permissions: ALL_PERMISSIONS });
  db.$client.close();

  ensureBuild();
  const serverBundle = bundleServer();
  const first = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
  const basePort = await freePort(first);
  const apiPort = await freePort(first ? first + 1 : undefined);
  const profDir = path.join(ROOT, "bench-profiles");
  const profArgs = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];

  const baseline = await start(["-e", BASELINE], { ...process.env, PORT: String(basePort) }, /baseline ready/);
  const keyward = await start(
    [...profArgs, "--enable-source-maps", serverBundle],
    { ...process.env, NODE_ENV: "production", PORT: String(apiPort), HOSTNAME: "127.0.0.1", DATABASE_FILE: dbFile, NEXT_DIST_DIR: BENCH_DIST, KEYWARD_SECRET_KEY: MASTER_KEY, KEYWARD_LOG_FILE: "" },
    /Keyward ready/,
  );

  const t0 = Date.now();
  // issuedAt varies by 1 ms per request, centred on now: distinct signatures, all inside the
  // ±5 min window for the whole run. Signed after the servers are up so none goes stale.
  const hsBodies = Array.from({ length: HS_COUNT }, (_, i) => signRequest({ method: "GET", path: RESOURCE, tokenId: hs.id, secret: hs.secret, issuedAt: t0 + i - HS_COUNT / 2 }));
  const esBodies = Array.from({ length: ES_COUNT }, (_, i) => signRequest({ method: "GET", path: RESOURCE, tokenId: es.id, privateKeyPem: es.privateKey, issuedAt: t0 + i - ES_COUNT / 2 }));
  console.log(`pre-signed ${HS_COUNT} HS256 and ${ES_COUNT} ES256 requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const [label, body] of [["HS256", hsBodies.pop()!], ["ES256", esBodies.pop()!]]) {
    const probe = await fetch(`http://127.0.0.1:${apiPort}/jws/validate`, { method: "POST", body });
    if (probe.status !== 200) throw new Error(`${label} probe answered ${probe.status}: ${await probe.text()}`);
  }

  console.log(`${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s warm-up, ${os.cpus().length} CPUs`);
  // Never sent by the throughput phases (they stop far short of the end): fresh bodies for the latency phase.
  const hsLatencyBodies = hsBodies.splice(-100_000);
  const a = await measure("baseline", `http://127.0.0.1:${basePort}`, baseline.pid!, hsBodies, false);
  const b = await measure("HS256", `http://127.0.0.1:${apiPort}`, keyward.pid!, hsBodies);
  const c = await measure("ES256", `http://127.0.0.1:${apiPort}`, keyward.pid!, esBodies);

  const basic = `Basic ${Buffer.from(`${hs.id}:${hs.secret}`).toString("base64")}`;
  const form = { "content-type": "application/x-www-form-urlencoded", authorization: basic };
  const exchanged = await fetch(`http://127.0.0.1:${apiPort}/oauth/token`, { method: "POST", headers: form, body: "grant_type=client_credentials" });
  if (exchanged.status !== 200) throw new Error(`token probe answered ${exchanged.status}: ${await exchanged.text()}`);
  const { access_token } = (await exchanged.json()) as { access_token: string };
  const bearerRequest = { method: "GET", path: RESOURCE, headers: { authorization: `Bearer ${access_token}` } };
  const d = await measureFixed("Bearer", `http://127.0.0.1:${apiPort}`, keyward.pid!, bearerRequest);
  // p99 at saturation is queueing time (50 connections over 2 shared cores): the latency goal is
  // judged at half the measured throughput, where the server is busy but not queueing.
  const halfRate = Math.round(d.requests.average / 2);
  const dl = await phase(`Bearer @${(halfRate / 1000).toFixed(1)}k`, keyward.pid!, () =>
    autocannon({ url: `http://127.0.0.1:${apiPort}`, connections: 10, duration: DURATION_S, overallRate: halfRate, requests: [bearerRequest] }),
  );
  const bl = await phase(`HS256 @${(b.requests.average / 2000).toFixed(1)}k`, keyward.pid!, () => {
    const cursor = { i: 0 };
    return autocannon({
      url: `http://127.0.0.1:${apiPort}`,
      connections: 10,
      duration: DURATION_S,
      overallRate: Math.round(b.requests.average / 2),
      requests: [{ method: "POST", path: "/jws/validate", headers: { "content-type": "text/plain" }, setupRequest: (req: Record<string, unknown>) => ({ ...req, body: hsLatencyBodies[cursor.i++ % hsLatencyBodies.length] }) }],
    });
  });
  // The same paced loads on the bare server: the p99 this machine gives at that rate to a server that does nothing.
  const paced = (rate: number) => () =>
    autocannon({ url: `http://127.0.0.1:${basePort}`, connections: 10, duration: DURATION_S, overallRate: rate, requests: [{ method: "POST", path: "/jws/validate", body: hsLatencyBodies[0] }] });
  const al = await phase(`baseline @${(b.requests.average / 2000).toFixed(1)}k`, baseline.pid!, paced(Math.round(b.requests.average / 2)));
  const adl = await phase(`baseline @${(halfRate / 1000).toFixed(1)}k`, baseline.pid!, paced(halfRate));
  const e = await measureFixed("/oauth/token", `http://127.0.0.1:${apiPort}`, keyward.pid!, { method: "POST", path: "/oauth/token", headers: form, body: "grant_type=client_credentials" });

  const ba = b.requests.average / a.requests.average;
  const ca = c.requests.average / a.requests.average;
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(`b/a = ${ba.toFixed(3)} (target ≥ 0.45): ${verdict(ba >= 0.45)}; HS256 p99 at half that rate ${bl.latency.p99} ms (target ≤ 10 ms): ${verdict(bl.latency.p99 <= 10)} — the bare server at that rate: p99 ${al.latency.p99} ms`);
  console.log(`c/a = ${ca.toFixed(3)} (target ≥ 0.25): ${verdict(ca >= 0.25)}`);
  const da = d.requests.average / a.requests.average;
  console.log(`d/a = ${da.toFixed(3)} (target ≥ 0.5): ${verdict(da >= 0.5)}; bearer p99 at half that rate ${dl.latency.p99} ms (target ≤ 5 ms): ${verdict(dl.latency.p99 <= 5)} — the bare server at that rate: p99 ${adl.latency.p99} ms`);
  console.log(`/oauth/token client_secret_basic: ${e.requests.average.toFixed(0)} req/s`);

  keyward.kill("SIGTERM"); // a clean exit writes the CPU profile
  await new Promise((r) => keyward.once("exit", r));
  if (profArgs.length) console.log(`CPU profile written to ${profDir}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
}
process.on("exit", cleanup);
main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
