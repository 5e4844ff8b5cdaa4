// `npm run backup -- <destination.db>`: an online, consistent copy of DATABASE_FILE.
import { backupDatabase } from "../lib/db/backup";
import { databaseFile, openDatabase } from "../lib/db/client";

const destination = process.argv[2];
if (!destination) {
  console.error("Usage: npm run backup -- <destination.db>");
  process.exit(2);
}
const db = openDatabase();
await backupDatabase(db.$client, destination);
console.log(`Backed up ${databaseFile()} to ${destination}. Keep the key file (or KEYWARD_SECRET_KEY) with it.`);
