import type { NextConfig } from "next";

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

export default nextConfig;
