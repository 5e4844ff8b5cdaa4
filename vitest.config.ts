import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts", "*.test.ts"],
    environment: "node",
    globalSetup: ["test/template-db.ts"],
    // "server-only" throws outside React Server Components; tests run plain Node.
    alias: { "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts") },
  },
});
