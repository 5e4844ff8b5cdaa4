import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// The console's language per request (the user's choice, else the browser's): lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Lets parallel builds (e2e, helpers, CI) each use their own output folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3"],
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
