// Child process for lib/notify/leader-processes.test.ts: one Keyward process's scheduler on the
// database file in argv[2], with a fake mailer that appends "<pid> <subject>" to the file in
// argv[3] for each message it sends (slowly, as SMTP does), until it is killed.
import fs from "node:fs";
import { openDatabase } from "@/lib/db/client";
import { onSqlite } from "@/lib/db/database";
import { startScheduler } from "@/lib/notify/scheduler";

const log = process.argv[3];
startScheduler(onSqlite(openDatabase(process.argv[2])), {
  async send(m) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    fs.appendFileSync(log, `${process.pid} ${m.subject}\n`);
  },
  close() {},
});
// The scheduler's timers do not keep a process alive; this one is nothing but its scheduler.
setInterval(() => {}, 60_000);
