// `npm run seed:events -- 1000000`: appends N synthetic events to DATABASE_FILE so Event history
// can be measured at size. Batched multi-row inserts, 10,000 rows per transaction.
import crypto from "node:crypto";
import { databaseFile, openDatabase, runMigrations } from "../lib/db/client";

const total = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(total) || total <= 0) {
  console.error("Usage: npm run seed:events -- <count>");
  process.exit(1);
}

const db = openDatabase();
runMigrations(db);
const sqlite = db.$client;
// Bulk load: the data is synthetic, so durability per batch is not needed.
sqlite.pragma("synchronous = OFF");

const ACTIONS = ["token.created", "token.updated", "token.revoked", "token.deleted", "token.expired", "user.signed_in", "user.sign_in_failed", "api.auth_failed", "user.created", "role.updated"];
const actors = Array.from({ length: 50 }, (_, i) => ({ id: crypto.randomUUID(), label: `user${i}@example.com` }));
const tokens = Array.from({ length: 2000 }, (_, i) => ({ id: crypto.randomUUID(), label: `Seeded token ${i}` }));
const ROWS_PER_INSERT = 500;
const cols = "(at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, source_ip, details)";
const insert = sqlite.prepare(`insert into events ${cols} values ${Array(ROWS_PER_INSERT).fill("(?,?,?,?,?,?,?,?,?,?)").join(",")}`);
const insertOne = sqlite.prepare(`insert into events ${cols} values (?,?,?,?,?,?,?,?,?,?)`);

// Spread over the last year, oldest first, so ids and times rise together as in real use.
const end = Date.now();
const start = end - 365 * 86_400_000;
const step = (end - start) / total;

function row(i: number): unknown[] {
  const actor = actors[i % actors.length];
  const token = tokens[(i * 7) % tokens.length];
  const action = ACTIONS[i % ACTIONS.length];
  return [
    Math.floor(start + i * step),
    "user",
    actor.id,
    actor.label,
    action,
    "token",
    token.id,
    token.label,
    `10.0.${(i >> 8) & 255}.${i & 255}`,
    JSON.stringify({ seeded: true }),
  ];
}

const t0 = performance.now();
const batch = sqlite.transaction((from: number, to: number) => {
  let i = from;
  for (; i + ROWS_PER_INSERT <= to; i += ROWS_PER_INSERT) {
    const values: unknown[] = [];
    for (let j = i; j < i + ROWS_PER_INSERT; j++) values.push(...row(j));
    insert.run(values);
  }
  for (; i < to; i++) insertOne.run(row(i));
});
for (let i = 0; i < total; i += 10_000) batch(i, Math.min(total, i + 10_000));
sqlite.pragma("wal_checkpoint(TRUNCATE)");
console.log(`Inserted ${total} events into ${databaseFile()} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
sqlite.close();
