import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { ApiError } from "@/lib/api/errors";
import { normaliseBaseUrl, queryString, refusalError, type HttpMethod, type Query } from "./index";

/** Credentials of an API token used as an OAuth client (client ID = token ID). */
export interface BearerCredentials {
  tokenId: string;
  /** client_secret_basic: the secret key of a generated token. */
  secret?: string;
  /** private_key_jwt: the PEM private key matching an uploaded public key. */
  privateKeyPem?: string | crypto.KeyObject;
  /** Space-separated permission names to narrow the access token to. */
  scope?: string;
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** An access token this close to its expiry is replaced before use. */
const RENEW_BEFORE_MS = 60_000;

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, "INVALID_RESPONSE", `The server answered ${res.status} without JSON.`);
  }
}

/**
 * Calls the API with bearer access tokens: exchanges the API token at /oauth/token
 * (client_secret_basic, or private_key_jwt for an uploaded key), keeps the access token until
 * shortly before it expires, and sends it with each call. `cacheFile`, when given, keeps the
 * access token between runs (mode 0600).
 */
export class BearerClient {
  private cached: CachedToken | undefined;
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly creds: BearerCredentials,
    private readonly cacheFile?: string,
  ) {
    this.baseUrl = normaliseBaseUrl(baseUrl);
    if (creds.secret === undefined && creds.privateKeyPem === undefined) throw new Error("Give either a secret or a private key.");
  }

  async accessToken(now = Date.now()): Promise<string> {
    this.cached ??= this.readCache();
    if (this.cached && this.cached.expiresAt - RENEW_BEFORE_MS > now) return this.cached.accessToken;
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    if (this.creds.scope) form.set("scope", this.creds.scope);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (this.creds.secret !== undefined) {
      const enc = (s: string) => encodeURIComponent(s);
      headers.Authorization = `Basic ${Buffer.from(`${enc(this.creds.tokenId)}:${enc(this.creds.secret)}`).toString("base64")}`;
    } else {
      const key = typeof this.creds.privateKeyPem === "string" ? crypto.createPrivateKey(this.creds.privateKeyPem) : this.creds.privateKeyPem!;
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer(this.creds.tokenId)
        .setSubject(this.creds.tokenId)
        .setAudience(`${this.baseUrl}/oauth/token`)
        .setJti(crypto.randomUUID())
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(now / 1000) + 60)
        .sign(key);
      form.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.set("client_assertion", assertion);
    }
    const res = await fetch(`${this.baseUrl}/oauth/token`, { method: "POST", headers, body: form.toString() });
    const body = (await readJson(res)) as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | undefined;
    if (!res.ok || !body?.access_token || typeof body.expires_in !== "number") {
      throw new ApiError(res.status, body?.error ?? "UNKNOWN", body?.error_description ?? `The token endpoint answered ${res.status}.`);
    }
    this.cached = { accessToken: body.access_token, expiresAt: now + body.expires_in * 1000 };
    this.writeCache(this.cached);
    return body.access_token;
  }

  /** One call; resolves to the parsed body on 200, rejects with ApiError otherwise. */
  async call<T = unknown>(method: HttpMethod, resource: string, o: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const token = await this.accessToken();
    const qs = queryString(o.query);
    const res = await fetch(`${this.baseUrl}${resource}${qs ? `${resource.includes("?") ? "&" : "?"}${qs}` : ""}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(o.body !== undefined ? { "Content-Type": "application/json" } : {}), ...o.headers },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const parsed = await readJson(res);
    if (res.ok) return parsed as T;
    throw refusalError(res.status, parsed);
  }

  private readCache(): CachedToken | undefined {
    if (!this.cacheFile) return undefined;
    try {
      const c = JSON.parse(fs.readFileSync(this.cacheFile, "utf8")) as CachedToken;
      return typeof c.accessToken === "string" && typeof c.expiresAt === "number" ? c : undefined;
    } catch {
      return undefined;
    }
  }

  private writeCache(c: CachedToken): void {
    if (!this.cacheFile) return;
    fs.mkdirSync(path.dirname(this.cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.cacheFile, JSON.stringify(c), { mode: 0o600 });
  }
}

/** Where the CLI keeps a token's access token: per user, per server and token, never in the project. */
export function defaultCacheFile(baseUrl: string, tokenId: string, scope = ""): string {
  const dir = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  const name = crypto.createHash("sha256").update(`${normaliseBaseUrl(baseUrl)}\n${tokenId}\n${scope}`).digest("hex").slice(0, 32);
  return path.join(dir, "keyward", `${name}.json`);
}
