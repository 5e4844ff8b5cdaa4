// `npm run build`: the console (next build) and the server bundle. The production server runs
// compiled JavaScript: esbuild follows server.ts's imports (and those of the operator scripts),
// resolves the `@/` alias from tsconfig.json and leaves node_modules packages as imports.
// `--server`: only the bundle (well under a second), which `npm start` redoes on every start.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
export const SERVER_BUNDLE = path.join(root, "dist/server.js");

export async function bundleServer() {
  await build({
    absWorkingDir: root,
    entryPoints: { server: "server.ts", backup: "scripts/backup.ts" },
    outdir: "dist",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.15",
    packages: "external",
    tsconfig: "tsconfig.json",
    sourcemap: true,
    logLevel: "warning",
  });
}

export function buildConsole() {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

if (import.meta.filename === process.argv[1]) {
  try {
    if (!process.argv.includes("--server")) buildConsole();
    await bundleServer();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
