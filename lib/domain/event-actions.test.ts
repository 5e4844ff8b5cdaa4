import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_ACTIONS } from "./event-actions";

const root = path.resolve(import.meta.dirname, "../..");

// Where events are written from: the data layer, the API's failure log, the scheduler.
function sources(): string {
  return ["lib", "server.ts"]
    .flatMap((entry) => {
      const full = path.join(root, entry);
      if (fs.statSync(full).isFile()) return [full];
      return fs
        .readdirSync(full, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name));
    })
    .filter((f) => !f.endsWith(path.join("domain", "event-actions.ts")))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}

describe("EVENT_ACTIONS, the Action filter's choices", () => {
  it("lists only actions Keyward records (recordEvent's type keeps out any other)", () => {
    const code = sources();
    const neverRecorded = Object.keys(EVENT_ACTIONS).filter((action) => !new RegExp(`(action: |record\\()"${action.replace(".", "\\.")}"`).test(code));
    expect(neverRecorded).toEqual([]);
  });
});
