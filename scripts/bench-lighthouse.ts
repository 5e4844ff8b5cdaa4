// `npm run bench:lighthouse [-- --runs N] [-- --only /events]`: Lighthouse's phone profile on every
// console page (issue 16). Makes a temporary database with a little data (a few hundred tokens and
// events, the notices the scheduler queues for them), starts the production server as `npm start`
// runs it, signs in as the System Administrator and runs Lighthouse in Chromium with the session
// cookie. Prints per page: performance / accessibility / best practices (SEO is shown but not a
// goal: the console is not for search engines), first-load JavaScript (gzip) and HTML size, then
// every audit that cost a page points. With --runs N each page is run N times and the median kept
// (a busy machine slows the simulated phone). Loopback only.
// CHROME_PATH picks the browser (default /usr/bin/chromium); NEXT_DIST_DIR the console build;
// LH_DUMP=DIR writes each page's report and trace there (to see what a long task spent its time on).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { asc, eq } from "drizzle-orm";
import lighthouse from "lighthouse";
import { getDb } from "../lib/db/client";
import { onSqlite } from "../lib/db/database";
import { apiTokens, outbox, roles } from "../lib/db/schema";
import { seed } from "../lib/db/seed";
import { createFirstAdministrator } from "../lib/data/users";
import { runSchedulerOnce } from "../lib/notify/scheduler";
import { planFor, seedLarge } from "./large-data";
import { BENCH_DIST, bundleServer, ensureBuild, firstLoadJs, freePort, startChild } from "./bench-support";

const ADMIN = { name: "Lighthouse Administrator", email: "lighthouse-admin@example.com", password: crypto.randomBytes(18).toString("base64url") };
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const { values } = parseArgs({ options: { runs: { type: "string", default: "1" }, only: { type: "string", multiple: true } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error("Usage: npm run bench:lighthouse -- [--runs N] [--only PATH …]");
  process.exit(1);
}

let server: ChildProcess | null = null;
let tmpDir: string | null = null;
let chrome: ChildProcess | null = null;

function cleanup() {
  if (chrome && chrome.exitCode === null && chrome.signalCode === null) chrome.kill("SIGKILL");
  chrome = null;
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  server = null;
  // Chromium may still be writing its cache as it exits: retry the removal.
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  tmpDir = null;
}
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** What an audit found, briefly (e.g. which Issues-panel entries, which console errors). */
function itemsOf(details: unknown): string {
  const items = (details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
  const text = items.map((i) => String(i.issueType ?? i.description ?? i.source ?? i.url ?? "")).filter(Boolean);
  return text.length ? `: ${[...new Set(text)].join("; ").slice(0, 300)}` : "";
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const started = Date.now();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-lighthouse-"));
  const dbFile = path.join(tmpDir, "keyward.db");
  process.env.DATABASE_FILE = dbFile;
  ensureBuild();
  bundleServer();

  const db = getDb();
  await seed(onSqlite(db));
  await createFirstAdministrator(ADMIN, null);
  await seedLarge(db, planFor(300, 1_000));
  // Queues the expiry notices of the tokens expiring soon: the outbox pages then have messages.
  await runSchedulerOnce(onSqlite(db), null);
  const token = db.select({ id: apiTokens.id }).from(apiTokens).orderBy(asc(apiTokens.id)).limit(1).get()!;
  const role = db.select({ id: roles.id }).from(roles).where(eq(roles.builtIn, false)).orderBy(asc(roles.name)).limit(1).get()!;
  const message = db.select({ id: outbox.id }).from(outbox).orderBy(asc(outbox.id)).limit(1).get();

  const pages: [string, string][] = [
    ["/login (signed out)", "/login"],
    ["/api-management", "/api-management"],
    ["/api-management/new", "/api-management/new"],
    ["a token page", `/api-management/${token.id}`],
    ["/events", "/events"],
    ["/users", "/users"],
    ["/roles", "/roles"],
    ["a role page", `/roles/${role.id}`],
    ["/roles/new", "/roles/new"],
    ["/outbox", "/outbox"],
    ...(message ? [["an outbox message", `/outbox/${message.id}`] as [string, string]] : []),
    ["/docs/api", "/docs/api"],
  ];
  const chosen = values.only?.length ? pages.filter(([, p]) => values.only!.some((o) => p === o || p.startsWith(o + "/"))) : pages;

  const port = await freePort(process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined);
  const base = `http://127.0.0.1:${port}`;
  const started_ = startChild(
    ["--max-old-space-size=512", "dist/server.js"],
    {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_FILE: dbFile,
      NEXT_DIST_DIR: BENCH_DIST,
      NEXT_TELEMETRY_DISABLED: "1",
      KEYWARD_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
      KEYWARD_LOG_FILE: path.join(tmpDir, "server.log"),
      KEYWARD_SCHEDULER_INTERVAL_MS: String(24 * 3_600_000),
    },
    /Keyward ready/,
    120_000,
  );
  server = started_.child;
  await started_.ready;

  // better-auth's email sign-in, as the login form posts it (same-origin, so the Origin check passes).
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  const chromePort = await freePort();
  chrome = spawn(
    process.env.CHROME_PATH ?? "/usr/bin/chromium",
    ["--headless=new", "--no-sandbox", "--disable-gpu", `--remote-debugging-port=${chromePort}`, `--user-data-dir=${path.join(tmpDir, "chrome")}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let err = "";
    chrome!.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (/DevTools listening on/.test(err)) resolve();
    });
    chrome!.once("exit", (code) => reject(new Error(`Chromium exited with ${code}:\n${err.slice(-2000)}`)));
  });

  const rows: string[][] = [];
  const lost: string[] = [];
  const gzipped = new Map<string, number>();
  for (const [label, p] of chosen) {
    const signedIn = !p.startsWith("/login");
    const headers: Record<string, string> = signedIn ? { cookie } : {};
    const res = await fetch(base + p, { headers, redirect: "manual" });
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
    const html = await res.text();
    const js = await firstLoadJs(html, base, headers, gzipped);
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    const audits = new Map<string, string>();
    for (let run = 0; run < RUNS; run++) {
      // A trace that failed to record (NO_NAVSTART on a busy machine) is run once more.
      const audit = () => lighthouse(base + p, { port: chromePort, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES], extraHeaders: headers });
      let result = await audit();
      if (result?.lhr.runtimeError) result = await audit();
      if (!result) throw new Error(`Lighthouse gave no result for ${p}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${p}: ${lhr.runtimeError.message}`);
      if (lhr.finalDisplayedUrl !== base + p) throw new Error(`${p} ended at ${lhr.finalDisplayedUrl} (signed out?)`);
      if (process.env.LH_DUMP) fs.writeFileSync(path.join(process.env.LH_DUMP, `${label.replace(/\W+/g, "_")}.json`), JSON.stringify(lhr));
      if (process.env.LH_DUMP) fs.writeFileSync(path.join(process.env.LH_DUMP, `${label.replace(/\W+/g, "_")}.trace.json`), JSON.stringify((result.artifacts as unknown as { Trace: unknown }).Trace));
      for (const c of CATEGORIES) scores[c].push(Math.round((lhr.categories[c].score ?? 0) * 100));
      for (const c of CATEGORIES.filter((c) => c !== "seo")) {
        for (const ref of lhr.categories[c].auditRefs) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
            audits.set(`${c}: ${a.title}`, a.displayValue ? ` (${a.displayValue})` : itemsOf(a.details));
      }
    }
    }
    const s = CATEGORIES.map((c) => String(median(scores[c])));
    rows.push([label, s[0], s[1], s[2], s[3], (js.bytes / 1024).toFixed(1), (Buffer.byteLength(html) / 1024).toFixed(1)]);
    for (const [title, value] of audits) lost.push(`${label} — ${title}${value}`);
    console.log(`${label}: ${s.join(" / ")}`);
  }

  // Chromium writes its cache until it exits: wait for that before the temporary folder goes.
  const exited = new Promise((resolve) => chrome!.once("exit", resolve));
  chrome.kill("SIGTERM");
  await exited;
  chrome = null;

  console.log("");
  console.log(`Lighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ""}phone profile, production server, ${os.cpus().length} CPUs; signed in as System Administrator`);
  console.log("");
  console.log(table(["page", "performance", "accessibility", "best practices", "SEO (ignored)", "first-load JS KB gzip", "HTML KB"], rows));
  if (lost.length) {
    console.log("");
    console.log("Audits that cost points:");
    for (const l of lost) console.log(`- ${l}`);
  }
  console.log("");
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanup);
