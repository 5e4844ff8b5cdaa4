import path from "node:path";

/** Where each dialect's migrations are (drizzle/ and drizzle/pg/), from the project folder: the compiled server runs from dist/. */
export function migrationsFolder(dialect: "sqlite" | "postgres"): string {
  const root = path.resolve(/*turbopackIgnore: true*/ process.env.KEYWARD_ROOT ?? process.cwd(), "drizzle");
  return dialect === "sqlite" ? root : path.join(root, "pg");
}
