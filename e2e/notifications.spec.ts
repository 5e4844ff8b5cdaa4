import { SMTPServer } from "smtp-server";
import fs from "node:fs";
import path from "node:path";
import { axeViolations, expect, signIn, test, TMP, unique } from "./fixtures";
import { addRole, addUser, confirm, userRow } from "./pages/users-roles";
import { createAllowingAnyIp } from "./helpers/token-fixtures";
import { e2eDb, eventsOf, insertToken, outboxOf, schedulerRuns, setExpiresOn, utcDate } from "./helpers/token-db";
import type { Browser, Page } from "@playwright/test";

// The "mail" e2e server (E2E_PORT+2) sends through SMTP_URL=smtp://127.0.0.1:E2E_PORT+3, where
// this spec runs a real SMTP server. It has its own fresh database, so the spec sets it up.
const MAIL_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}`;
const SMTP_PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
const PASSWORD = "a long enough password 1";
const MIA = { name: "Mia Mail", email: "mia@example.com", password: PASSWORD };

interface Received {
  rcptTo: string[];
  subject: string;
  headers: string;
  body: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;

/** nodemailer sends long plain-text lines quoted-printable: soft breaks "=\r\n" and "=XX" bytes. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        const [headers, ...rest] = raw.split("\r\n\r\n");
        const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(headers)?.[1].replace(/\r\n[ \t]/g, " ") ?? "";
        inbox.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), subject, headers, body: decodeQuotedPrintable(rest.join("\r\n\r\n")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

let admin: Page;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: MAIL_URL });
  return context.newPage();
}

function mailsAbout(subjectPart: string): Received[] {
  return inbox.filter((m) => m.subject.includes(subjectPart));
}

function recipientsOf(mails: Received[]): string[] {
  return mails.flatMap((m) => m.rcptTo).sort();
}

const secondAdmin = `${unique("max").replace(/\s/g, "-")}@example.com`;
const suspendedAdmin = `${unique("sid").replace(/\s/g, "-")}@example.com`;
const creator = `${unique("cleo").replace(/\s/g, "-")}@example.com`;

test("set up the mail server's users: two active administrators, a suspended one, a token creator", async ({ browser }) => {
  admin = await newPage(browser);
  await admin.goto("/setup");
  await admin.getByLabel("Name").fill(MIA.name);
  await admin.getByLabel("Email").fill(MIA.email);
  await admin.getByLabel("Password", { exact: true }).fill(MIA.password);
  await admin.getByLabel("Confirm password").fill(MIA.password);
  await admin.getByRole("button", { name: "Create administrator" }).click();
  await admin.waitForURL(/\/api-management/);

  await addUser(admin, { email: secondAdmin, name: unique("Max"), role: "System Administrator", password: PASSWORD });
  await addUser(admin, { email: suspendedAdmin, name: unique("Sid"), role: "System Administrator", password: PASSWORD });
  await userRow(admin, suspendedAdmin).getByRole("button", { name: /^Suspend / }).click();
  await confirm(admin, "Suspend user");
  await expect(userRow(admin, suspendedAdmin)).toContainText("Suspended");
  const role = unique("Mail token maker");
  await addRole(admin, role, ["Manage API credentials", "View Device reports"]);
  await addUser(admin, { email: creator, name: unique("Cleo"), role, password: PASSWORD });
});

const title = unique("Mailed token");
let tokenId = "";

test("creating a token emails its creator and every active System Administrator, once each", async ({ browser }) => {
  const cleo = await newPage(browser);
  await signIn(cleo, creator, PASSWORD);
  await cleo.goto("/api-management/new");
  await cleo.getByLabel("Title").fill(title);
  await cleo.getByRole("checkbox", { name: "View Device reports" }).check();
  await createAllowingAnyIp(cleo);
  await expect(cleo.getByRole("dialog", { name: "API token created" })).toBeVisible();
  await cleo.context().close();

  const db = e2eDb("mail");
  tokenId = (db.prepare("select id from api_tokens where title = ?").get(title) as { id: string }).id;
  db.close();

  const expected = [creator, MIA.email, secondAdmin].sort();
  await expect.poll(() => recipientsOf(mailsAbout(`API token created: ${title}`)), { timeout: 20_000 }).toEqual(expected);
  const mail = mailsAbout(`API token created: ${title}`)[0];
  expect(mail.rcptTo).toHaveLength(1);
  expect(mail.body).toContain(`Token ID: ${tokenId}`);
  expect(mail.body).toContain("23:59:59 UTC");
  // KEYWARD_URL is unset on this server: the link uses the address the console was opened on,
  // and start-up said so.
  expect(mail.body).toContain(`${MAIL_URL}/api-management/${tokenId}`);
  expect(fs.readFileSync(path.join(TMP, "mail.log"), "utf8")).toContain("KEYWARD_URL is not set: links in notices use the address the console was last opened on.");
  expect(mail.body).toContain("What to do:");
  expect(mail.body).not.toMatch(/kwsk_/);
  expect(outboxOf(tokenId, "mail").every((m) => m.status === "sent")).toBe(true);
});

test("a title with \\r\\nBcc: cannot add a recipient or a header", async () => {
  // The form refuses line breaks in titles, so this one is planted in the database directly.
  const evilTitle = `Legacy\r\nBcc: evil@example.com\r\nX-Injected: yes`;
  const id = insertToken({ creatorEmail: creator, title: evilTitle, expiresOn: utcDate(2) }, "mail");
  const expected = [creator, MIA.email, secondAdmin].sort();
  await expect.poll(() => recipientsOf(inbox.filter((m) => m.body.includes(`Token ID: ${id}`))), { timeout: 20_000 }).toEqual(expected);
  for (const m of inbox) {
    expect(m.rcptTo).not.toContain("evil@example.com");
    expect(m.headers).not.toMatch(/^(bcc|x-injected):/im);
  }
  expect(inbox.filter((m) => m.body.includes(`Token ID: ${id}`))[0].subject).toBe(
    "API token expires in 3 days or less: Legacy Bcc: evil@example.com X-Injected: yes",
  );
});

test("when the expiry passes: one 'API token expired' event and one email per recipient", async () => {
  setExpiresOn(tokenId, utcDate(-1), "mail");
  const expected = [creator, MIA.email, secondAdmin].sort();
  await expect.poll(() => recipientsOf(mailsAbout(`API token expired: ${title}`)), { timeout: 20_000 }).toEqual(expected);
  // Several more scheduler runs add nothing.
  await schedulerRuns(2, creator, "mail");
  expect(recipientsOf(mailsAbout(`API token expired: ${title}`))).toEqual(expected);
  expect(eventsOf(tokenId, "token.expired", "mail")).toHaveLength(1);
  expect(outboxOf(tokenId, "mail").filter((m) => m.kind === "expired")).toHaveLength(3);
});

test("the Outbox lists the messages and shows a message's body", async () => {
  await admin.goto("/outbox");
  await expect(admin.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  const rows = admin.getByRole("table", { name: "Email messages, newest first" }).getByRole("row");
  const row = rows.filter({ hasText: `API token expired: ${title}` }).filter({ hasText: creator });
  await expect(row).toContainText("Sent");
  expect(await axeViolations(admin)).toEqual([]);
  await row.getByRole("link", { name: `API token expired: ${title}` }).click();
  await expect(admin.getByRole("heading", { name: `API token expired: ${title}`, level: 1 })).toBeVisible();
  await expect(admin.getByText(`Token ID: ${tokenId}`)).toBeVisible();
  expect(await axeViolations(admin)).toEqual([]);
  await admin.context().close();
});
