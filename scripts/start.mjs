// `npm start`: builds the console if its sources changed since the last build, compiles the
// server (server.ts and what it imports) to dist/server.js, then runs it with plain Node, no
// TypeScript loader. The server migrates and seeds the database before it listens.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildConsole, bundleServer, SERVER_BUNDLE } from "./build.mjs";

const root = path.resolve(import.meta.dirname, "..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR ?? ".next");
const stampFile = path.join(distDir, "keyward-source-hash");
const SOURCES = ["app", "components", "lib", "messages", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function hashSources() {
  const h = crypto.createHash("sha256");
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.endsWith(".test.ts")) walk(path.join(p, name));
    } else {
      h.update(path.relative(root, p));
      h.update(fs.readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return h.digest("hex");
}

try {
  const hash = hashSources();
  const built = fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (!built) {
    console.log("Building Keyward (first start or changed sources)…");
    buildConsole();
    fs.writeFileSync(stampFile, hash);
  }
  // Always: it takes well under a second, so the bundle can never be older than server.ts.
  await bundleServer();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

// V8 sizes its heap from the machine's memory (about 4 GB on 24 GB) and collects lazily up to
// it, so an idle console sat near a gigabyte. 512 MB holds 100,000 tokens with room to spare;
// a --max-old-space-size in NODE_OPTIONS wins.
const heapLimit = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : ["--max-old-space-size=512"];
const child = spawn(process.execPath, [...heapLimit, "--enable-source-maps", SERVER_BUNDLE], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
