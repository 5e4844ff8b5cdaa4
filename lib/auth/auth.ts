import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { getKeywardDb } from "@/lib/db/database";
import * as schema from "@/lib/db/schema";
import { isActiveUser, recordSignInAttempt, signInRetryAfter, signInThrottleFromEnv } from "@/lib/data/sign-ins";
import { CLIENT_IP_HEADER } from "@/lib/net/client-ip";
import { deriveKey } from "@/lib/crypto/keys";
import { browserLocaleFrom, localeCookieValue } from "@/lib/domain/locale";

// The same answer for every failed sign-in, a suspended account's right password included:
// anything else would confirm the password (a suspended user learns of it from its notice).
const BAD_CREDENTIALS = { message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" };

function build() {
  const db = getKeywardDb();
  const throttle = signInThrottleFromEnv();
  return betterAuth({
    appName: "Keyward",
    secret: process.env.BETTER_AUTH_SECRET ?? deriveKey("auth").toString("base64"),
    baseURL: process.env.KEYWARD_URL,
    database: drizzleAdapter(db.q, { provider: db.dialect === "postgres" ? "pg" : "sqlite", schema }),
    // server.ts already refuses cross-origin POSTs; here the request's own origin is trusted
    // so the console works on whatever host name it is served under.
    trustedOrigins: async (request) => {
      const host = request?.headers.get("host");
      const proto = request?.headers.get("x-forwarded-proto") === "https" ? "https" : "http";
      return host ? [`${proto}://${host}`] : [];
    },
    emailAndPassword: {
      enabled: true,
      // Users are created by the Set up page and by administrators, never by self-sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 256,
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      enabled: throttle !== null,
      storage: "memory",
      window: 60,
      max: 100,
      // Sign-in is throttled on failures only, by the hook below; better-auth's own rule counts successes.
      customRules: { "/sign-in/email": false },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: process.env.KEYWARD_URL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    databaseHooks: {
      session: {
        create: {
          // A suspended user's correct password still opens no session.
          before: async (session) => {
            if (!(await isActiveUser(session.userId))) {
              throw new APIError("UNAUTHORIZED", BAD_CREDENTIALS);
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || !throttle) return;
        const email = String((ctx.body as { email?: unknown })?.email ?? "").slice(0, 254);
        const retryAfterSeconds = await signInRetryAfter(email, ctx.headers?.get(CLIENT_IP_HEADER) ?? null, throttle);
        if (retryAfterSeconds !== null) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { message: `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`, code: "TOO_MANY_FAILED_SIGN_INS", retryAfterSeconds },
            { "Retry-After": String(retryAfterSeconds) },
          );
        }
      }),
      // Every sign-in attempt, good or bad, becomes an event.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const ip = ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
        const email = String((ctx.body as { email?: unknown })?.email ?? "").slice(0, 254);
        const newSession = ctx.context.newSession;
        await recordSignInAttempt(
          newSession
            ? {
                ok: true,
                userId: newSession.user.id,
                email: newSession.user.email,
                ip,
                browserLanguage: browserLocaleFrom(localeCookieValue(ctx.headers?.get("cookie")), ctx.headers?.get("accept-language")),
              }
            : { ok: false, email, ip },
        );
      }),
    },
    logger: {
      level: "warn",
      // Only the message, never the extra arguments (they can carry request data). The base-URL
      // warning is expected: without KEYWARD_URL the origin comes from each request on purpose.
      log: (level, message) => {
        if (message.includes("Base URL is not set")) return;
        (level === "error" ? console.error : console.warn)(`[auth] ${level}: ${message}`);
      },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof build>;
const g = globalThis as unknown as { __keywardAuth?: Auth };

/** better-auth, built on first use so `next build` never opens the database. */
export function getAuth(): Auth {
  g.__keywardAuth ??= build();
  return g.__keywardAuth;
}
