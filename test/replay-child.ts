// Child process for lib/api/replay-store.test.ts: a second Keyward process on the database file
// in DATABASE_FILE. Sends each signed request (argv: JSON [{ jws, now }]) through its own
// ApiService, in order, and prints each answer's status and error code as JSON.
import { ApiService } from "@/lib/api/service";
import { openDatabase } from "@/lib/db/client";

const requests = JSON.parse(process.argv[2]) as { jws: string; now: number }[];
const api = new ApiService(openDatabase(process.env.DATABASE_FILE), { skewMs: 300_000 });
const answers: { status: number; code: string | null }[] = [];
for (const r of requests) {
  const res = await api.handle(r.jws, "203.0.113.10", r.now);
  answers.push({ status: res.status, code: (JSON.parse(res.body) as { code?: string }).code ?? null });
}
process.stdout.write(JSON.stringify(answers));
