// Child process for crash.test.ts: writes token-plus-event transactions as fast as it can and
// prints "ack <id>" after each COMMIT returns, until it is killed with SIGKILL.
import crypto from "node:crypto";
import { openDatabase } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { apiTokens } from "@/lib/db/schema";
import { recordEvent } from "@/lib/data/record-event";

const db = onSqlite(openDatabase(process.argv[2]));
const creatorId = process.argv[3];
for (;;) {
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.q
      .insert(apiTokens)
      .values({ id, title: `crash ${id}`, type: "generated", secretCiphertext: crypto.randomBytes(60), creatorId, expiresOn: "2099-01-01", deviceScope: "all" });
    await recordEvent(tx, { actor: { type: "user", id: creatorId, label: "crash" }, action: "token.created", target: { type: "token", id } });
  });
  process.stdout.write(`ack ${id}\n`);
}
