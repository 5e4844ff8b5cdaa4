// Child process for lib/data/tokens.test.ts: creates tokens through the data layer on the
// database file in DATABASE_FILE. Prints "ready" once loaded, waits for "go" on stdin (so several
// children start writing at the same moment), then prints the created token IDs and when its
// writing started and finished (wall-clock milliseconds, comparable across the children) as JSON.
import type { Actor } from "@/lib/auth/actor";
import { createToken } from "@/lib/data/tokens";

const [actorJson, prefix, count] = process.argv.slice(2);
const actor = JSON.parse(actorJson) as Actor;

process.stdout.write("ready\n");
process.stdin.once("data", () => {
  const started = performance.timeOrigin + performance.now();
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    const out = createToken({
      actor,
      input: { title: `${prefix} ${i}`, description: "", tokenType: "generated", expiresOn: "2099-01-01", permissions: ["api-credentials.view"], allowedIps: [] },
    });
    ids.push(out.tokenId);
  }
  const finished = performance.timeOrigin + performance.now();
  process.stdout.write(`${JSON.stringify({ ids, started, finished })}\n`);
  process.exit(0);
});
