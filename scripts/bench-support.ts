// What both benchmarks (scripts/bench.ts, scripts/bench-pages.ts) need to run the production
// server: a free port, a console build, the server bundle, and a child started until it says ready.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const BENCH_DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";

export async function freePort(preferred?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(preferred ?? 0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the console into BENCH_DIST unless a build is there. */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, BENCH_DIST, "BUILD_ID"))) return;
  console.log(`No production build in ${BENCH_DIST}; building (next build)…`);
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

/**
 * The server as `npm start` runs it: server.ts bundled by esbuild (scripts/build.mjs) and run by
 * plain Node, not through the tsx loader (whose transform, e.g. keepNames, is not what ships).
 */
export function bundleServer(): string {
  const r = spawnSync(process.execPath, ["scripts/build.mjs", "--server"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("server bundle failed");
  return "dist/server.js";
}

/** Starts a Node child and resolves once its output matches `ready`; rejects if it exits or takes too long. */
export function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 90_000): { child: ChildProcess; ready: Promise<ChildProcess> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const started = new Promise<ChildProcess>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out.slice(-4000)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
  return { child, ready: started };
}

/**
 * First-load JavaScript of a page: every <script src> its HTML loads (nomodule polyfills aside,
 * which every browser that runs modules skips), gzipped here at level 9 as a CDN would.
 * `cache` keeps each script's size across pages, so shared chunks are fetched once.
 */
export async function firstLoadJs(html: string, base: string, headers: HeadersInit, cache: Map<string, number>): Promise<{ scripts: number; bytes: number }> {
  // The whole tag is checked: Next writes `noModule` after `src` (the 39 KB polyfill was counted).
  const tags = [...html.matchAll(/<script([^>]*)>/g)].filter((m) => !/\snomodule\b/i.test(m[1]));
  const srcs = [...new Set(tags.flatMap((m) => /\ssrc="([^"]+)"/.exec(m[1])?.[1] ?? []).map((src) => src.replaceAll("&amp;", "&")))];
  let bytes = 0;
  for (const src of srcs) {
    if (!cache.has(src)) {
      const res = await fetch(new URL(src, base), { headers });
      if (!res.ok) throw new Error(`GET ${src} answered ${res.status}`);
      cache.set(src, zlib.gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length);
    }
    bytes += cache.get(src)!;
  }
  return { scripts: srcs.length, bytes };
}
