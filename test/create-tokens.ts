// Child process for lib/data/tokens.test.ts: creates tokens through the data layer on the
// database file in DATABASE_FILE. Prints "ready" once loaded, waits for "go" on stdin, writes its
// first token, then waits until every child of the run has written its first (a barrier through
// the database, so the writing overlaps however the machine schedules the processes), writes the
// rest and prints the created token IDs as JSON.
import { setTimeout as sleep } from "node:timers/promises";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { createToken } from "@/lib/data/tokens";

const [actorJson, prefix, count, children] = process.argv.slice(2);
const actor = JSON.parse(actorJson) as Actor;

const create = async (i: number) =>
  (
    await createToken({
      actor,
      input: { title: `${prefix} ${i}`, description: "", tokenType: "generated", expiresOn: "2099-01-01", permissions: ["api-credentials.view"], allowedIps: [] },
    })
  ).tokenId;

const firstsWritten = getDb().$client.prepare("select count(*) as n from api_tokens where creator_id = ? and title like '% 0'");

process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  const ids = [await create(0)];
  while ((firstsWritten.get(actor.id) as { n: number }).n < Number(children)) await sleep(2);
  for (let i = 1; i < Number(count); i++) ids.push(await create(i));
  process.stdout.write(`${JSON.stringify(ids)}\n`);
  process.exit(0);
});
