import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "better-auth/crypto";
import { expect, type Page } from "@playwright/test";
import { TMP } from "../fixtures";

// Helpers for the token specs. Users with a narrower role are written straight into the e2e
// database (the server reads roles per request), so these specs don't depend on other pages.

export const MAIN_DB = path.join(TMP, "main.db");
const SECRETS_DIR = path.join(TMP, "secrets");

export function openTestDb(): Database.Database {
  const db = new Database(MAIN_DB);
  db.pragma("busy_timeout = 5000");
  return db;
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A user with a role of exactly these permissions (and optionally device groups, by name). */
export async function createUserWithRole(opts: { name: string; permissions: string[]; deviceGroups?: string[] }): Promise<TestUser> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const user: TestUser = { id: crypto.randomUUID(), name: opts.name, email: `u-${suffix}@example.com`, password: "long enough password 1" };
  const hash = await hashPassword(user.password);
  const db = openTestDb();
  try {
    db.transaction(() => {
      const roleId = db.prepare("insert into roles (name) values (?) returning id").get(`Role ${suffix}`) as { id: number };
      const addPerm = db.prepare("insert into role_permissions (role_id, permission) values (?, ?)");
      for (const p of opts.permissions) addPerm.run(roleId.id, p);
      const now = Date.now();
      db.prepare("insert into user (id, name, email, role_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)").run(user.id, user.name, user.email, roleId.id, now, now);
      db.prepare("insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at) values (?, ?, 'credential', ?, ?, ?, ?)").run(
        crypto.randomUUID(),
        user.id,
        user.id,
        hash,
        now,
        now,
      );
      for (const g of opts.deviceGroups ?? []) {
        db.prepare("insert into user_device_groups (user_id, device_group_id) select ?, id from device_groups where name = ?").run(user.id, g);
      }
    }).immediate();
  } finally {
    db.close();
  }
  return user;
}

/** Remembers a secret the suite created, for the canary check that runs after it. */
export function recordSecret(secret: string): void {
  fs.mkdirSync(SECRETS_DIR, { recursive: true });
  fs.writeFileSync(path.join(SECRETS_DIR, `${crypto.randomUUID()}.txt`), secret);
}

export function recordedSecrets(): string[] {
  if (!fs.existsSync(SECRETS_DIR)) return [];
  return fs.readdirSync(SECRETS_DIR).map((f) => fs.readFileSync(path.join(SECRETS_DIR, f), "utf8"));
}

/** Today + days in the browser's own zone, as the form computes it. */
export async function browserDatePlus(page: Page, days: number, years = 0): Promise<string> {
  return page.evaluate(
    ([d, y]) => {
      const now = new Date();
      const t = new Date(now.getFullYear() + y, now.getMonth(), now.getDate() + d, 12);
      // 29 February + 1 year is 28 February, as the product rule says.
      if (y && now.getMonth() === 1 && now.getDate() === 29) t.setDate(28);
      return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`;
    },
    [days, years] as const,
  );
}

/** Fills the creation form's title and submits it with every other default. */
export async function createWithDefaults(page: Page, title: string) {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(title);
  await createAllowingAnyIp(page);
  await expect(page.getByRole("dialog", { name: "API token created" })).toBeVisible();
}

/** Clicks Create on a form with no allowed IP addresses and confirms the token may be used from any address. */
export async function createAllowingAnyIp(page: Page, labels = { create: "Create", confirm: "Allow any IP address" }) {
  await page.getByRole("button", { name: labels.create, exact: true }).click();
  await confirmAnyIp(page, labels.confirm);
}

/** Answers "Allow requests from any IP address?" with yes. */
export async function confirmAnyIp(page: Page, confirm = "Allow any IP address") {
  await page.getByRole("button", { name: confirm, exact: true }).click();
}
