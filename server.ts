// The Keyward server: one Node HTTP server in front of Next. The API hot path
// (POST /jws/validate) is answered here without Next's router; everything else goes to Next.
import fs from "node:fs";
import http from "node:http";
import next from "next";
import { getDb } from "./lib/db/client";
import { onSqlite } from "./lib/db/database";
import { databaseUrl } from "./lib/db/database-url";
import { seed } from "./lib/db/seed";
import { CLIENT_IP_HEADER, consoleOrigin, parseTrustedProxies, REQUEST_PATH_HEADER, resolveClientIp } from "./lib/net/client-ip";
import { makeHostCheck } from "./lib/net/host-check";
import { applyConnectionLimits, connectionLimitsFromEnv, SERVER_OPTIONS } from "./lib/net/connection-limits";
import { applyHeaders, contentSecurityPolicy, isSameOriginWrite, newNonce, securityHeaders } from "./lib/net/security-headers";
import { handleJwsRequest, startApiBackground } from "./lib/api/http";
import { consoleUrlWarning, rememberConsoleOrigin } from "./lib/notify/outbox";
import { startScheduler } from "./lib/notify/scheduler";
import { handleOAuthRequest, startOAuthBackground } from "./lib/oauth/http";

// KEYWARD_LOG_FILE: also append everything the server prints to a file, so the e2e suite can
// check that no secret ever reaches a log line.
if (process.env.KEYWARD_LOG_FILE) {
  const log = fs.createWriteStream(process.env.KEYWARD_LOG_FILE, { flags: "a" });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      log.write(typeof chunk === "string" || chunk instanceof Uint8Array ? chunk : String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || "localhost";
const https = (process.env.KEYWARD_URL ?? "").startsWith("https://");
const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
const headers = securityHeaders(dev, https);
const connectionLimits = connectionLimitsFromEnv();
const knownHost = makeHostCheck(process.env.KEYWARD_URL, process.env.KEYWARD_ALLOWED_HOSTS);

// Headers a client must never be able to set: our trusted client IP, and Next's internal
// subrequest marker (CVE-2025-29927 class of middleware bypass), and the CSP request headers
// Next takes its script nonce from (only ours may reach it).
const STRIPPED = [CLIENT_IP_HEADER, REQUEST_PATH_HEADER, "x-middleware-subrequest", "content-security-policy", "content-security-policy-report-only"];

async function main() {
  // PostgreSQL's tables and migrations exist (lib/db/pg.ts) but the data layer does not run on
  // them yet: say so rather than quietly use SQLite when DATABASE_URL asks for PostgreSQL.
  if (databaseUrl()) {
    throw new Error("DATABASE_URL is set, but this version of Keyward runs on SQLite only (PostgreSQL support is in progress). Unset DATABASE_URL to use SQLite (DATABASE_FILE).");
  }
  const db = getDb(); // opens and migrates
  const urlWarning = consoleUrlWarning(process.env.KEYWARD_URL);
  if (urlWarning) console.warn(urlWarning);
  await seed(onSqlite(db));

  // Before Next starts: a bad OAuth setting stops the server with its own message.
  const stopOAuth = startOAuthBackground();

  // The project folder, as for the migrations (lib/db/client.ts): the compiled server runs from dist/.
  const app = next({ dev, hostname, port, dir: process.env.KEYWARD_ROOT ?? process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer(SERVER_OPTIONS, (req, res) => {
    for (const h of STRIPPED) delete req.headers[h];
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    req.headers[CLIENT_IP_HEADER] = ip;
    // Before anything runs: a request for a name this installation doesn't answer to is a
    // DNS-rebinding attempt or a misconfiguration.
    if (!knownHost(req.headers.host)) {
      req.resume();
      res.writeHead(421, { ...headers, "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end("Misdirected request: this server does not answer to that host name. Set KEYWARD_URL (or KEYWARD_ALLOWED_HOSTS) to the address users open.");
      return;
    }

    // The API's own answers carry the security headers in their single writeHead.
    if (req.url === "/jws/validate" || req.url?.startsWith("/jws/validate?")) {
      handleJwsRequest(req, res, ip, headers);
      return;
    }
    // OAuth endpoints, discovery documents and bearer calls: cross-site by design (no cookies).
    if (handleOAuthRequest(req, res, ip, headers)) return;
    // Console pages: a nonce per response, given to Next through the request's CSP header so it
    // marks its inline scripts with it (every page renders dynamically, so each gets its own).
    const csp = contentSecurityPolicy(dev, newNonce());
    req.headers["content-security-policy"] = csp;
    applyHeaders(res, { ...headers, "Content-Security-Policy": csp });
    if (!isSameOriginWrite(req, https)) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Cross-site request refused.");
      return;
    }
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    // Without KEYWARD_URL, notice links use the address people open the console on (a host
    // that passed the check above, so not one a rebinding page chose).
    if (!process.env.KEYWARD_URL && req.headers.host) {
      rememberConsoleOrigin(consoleOrigin(req.headers.host, req.socket.remoteAddress, req.headers["x-forwarded-proto"], trustedProxies));
    }
    handle(req, res).catch((err: unknown) => {
      console.error("request failed:", err instanceof Error ? err.message : err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  applyConnectionLimits(server, connectionLimits, (address) => trustedProxies(address, 0));

  const stopScheduler = startScheduler(onSqlite(db));
  const stopApi = startApiBackground(db);
  server.listen(port, hostname, () => {
    console.log(`Keyward ready on http://${hostname}:${port}${dev ? " (dev)" : ""}`);
  });

  const shutdown = () => {
    void stopScheduler();
    stopApi();
    stopOAuth();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err) => {
  console.error("Keyward failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
