// Child process for lib/rotation/campaigns-crash.test.ts: applies due campaign deadlines on the
// database file in argv[2] at the instant argv[3], until done or killed with SIGKILL.
import { openDatabase } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { runCampaignPass } from "@/lib/rotation/campaigns";

const db = openDatabase(process.argv[2]);
const r = await runCampaignPass(onSqlite(db), Number(process.argv[3]));
process.stdout.write(JSON.stringify(r));
