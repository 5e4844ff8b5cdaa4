// Child process for crash.test.ts: writes token-plus-event transactions as fast as it can and
// prints "ack <id>" after each COMMIT returns, until it is killed with SIGKILL.
import crypto from "node:crypto";
import { openDatabase, writeTransaction } from "@/lib/db/client";
import { apiTokens } from "@/lib/db/schema";
import { recordEventSync } from "@/lib/data/record-event";

const db = openDatabase(process.argv[2]);
const creatorId = process.argv[3];
for (;;) {
  const id = crypto.randomUUID();
  writeTransaction((tx) => {
    tx.insert(apiTokens)
      .values({ id, title: `crash ${id}`, type: "generated", secretCiphertext: crypto.randomBytes(60), creatorId, expiresOn: "2099-01-01", deviceScope: "all" })
      .run();
    recordEventSync(tx, { actor: { type: "user", id: creatorId, label: "crash" }, action: "token.created", target: { type: "token", id } });
  }, db);
  process.stdout.write(`ack ${id}\n`);
}
