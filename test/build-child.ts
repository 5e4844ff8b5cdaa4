import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Compiles a child process of a unit test into one plain JavaScript file beside node_modules, so
 * starting it (many times, in the kill -9 tests) loads no TypeScript loader and no tree of
 * modules; the imports left, the native better-sqlite3, and nodemailer and pg (CommonJS requiring
 * Node's built-ins, which an ES module bundle cannot), resolve from there. Returns its path.
 */
export async function buildTestChild(entry: string): Promise<string> {
  const outfile = path.join(ROOT, "node_modules/.cache/keyward-test", `${path.basename(entry, ".ts")}.mjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["better-sqlite3", "nodemailer", "pg"],
    tsconfig: "tsconfig.json",
    logLevel: "warning",
  });
  return outfile;
}
