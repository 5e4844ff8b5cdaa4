/** The PostgreSQL database DATABASE_URL names (postgres:// or postgresql://), or null: SQLite. */
export function databaseUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); leave it unset to use SQLite (DATABASE_FILE).");
  return url;
}
