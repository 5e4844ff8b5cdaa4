// The end-to-end suite's scratch folder (databases, logs, results): E2E_TMP, or e2e/.tmp.
// scripts/e2e.mjs empties it before a run, so it must only ever empty a folder it made itself:
// it leaves a marker file in every folder it prepares, and refuses a non-empty folder without one.
import fs from "node:fs";
import path from "node:path";

const MARKER = ".keyward-e2e-scratch";
const root = path.resolve(import.meta.dirname, "..");

/** Absolute path of the scratch folder (a relative E2E_TMP is taken from the current folder). */
export function scratchDir() {
  return path.resolve(process.env.E2E_TMP || path.join(root, "e2e/.tmp"));
}

export function isScratchDir(dir) {
  return fs.existsSync(path.join(dir, MARKER));
}

/** Empties dir for a fresh run; refuses when dir holds files e2e.mjs did not create. */
export function prepareScratchDir(dir) {
  if (fs.existsSync(dir) && !isScratchDir(dir) && fs.readdirSync(dir).length > 0) {
    throw new Error(`Refusing to empty ${dir}: it is not a scratch folder made by scripts/e2e.mjs (no ${MARKER}). Point E2E_TMP at a new or empty folder.`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), "Emptied by scripts/e2e.mjs before every end-to-end run.\n");
}
