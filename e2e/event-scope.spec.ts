import { ADMIN, axeViolations, expect, test, unique } from "./fixtures";
import { e2eDb, insertToken, utcDate } from "./helpers/token-db";
import { createUserWithRole } from "./helpers/token-fixtures";

// Event history for someone who is not a System Administrator: their own events only, with an
// empty state that fits; and the other pages such a person meets.

function addEvent(e: { actorId: string | null; actorLabel: string; action: string; targetId: string; targetLabel: string }) {
  const db = e2eDb();
  try {
    // token_owner_id as recordEvent writes it: the token's creator.
    db.prepare(
      "insert into events (at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, token_owner_id) values (?, ?, ?, ?, ?, 'token', ?, ?, (select creator_id from api_tokens where id = ?))",
    ).run(Date.now(), e.actorId ? "user" : "system", e.actorId, e.actorLabel, e.action, e.targetId, e.targetLabel, e.targetId);
  } finally {
    db.close();
  }
}

function forgetEventsOf(userId: string) {
  const db = e2eDb();
  try {
    db.prepare("delete from events where actor_id = ? or target_id = ?").run(userId, userId);
  } finally {
    db.close();
  }
}

test("a viewer who is not a System Administrator sees only events about themselves and their tokens, also through filters and links", async ({ adminPage, pageAs }) => {
  test.slow();
  const ed = await createUserWithRole({ name: unique("Ed Auditor"), permissions: ["event-history.view", "api-credentials.view"] });
  const page = await pageAs(ed);
  const admin = adminPage;

  // Ed may view tokens but not create them: the empty list doesn't suggest creating one.
  await page.goto("/api-management");
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  await expect(page.getByText("You have no API tokens. Creating one needs a role that can manage API credentials; a System Administrator can change your role.")).toBeVisible();

  // Nothing recorded about Ed yet: an empty state about their own events, with nothing to create.
  forgetEventsOf(ed.id);
  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "Event history", level: 1 })).toBeVisible();
  await expect(page.getByText("Events about you and the API tokens you created, newest first.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No events about you yet" })).toBeVisible();
  await expect(page.getByText("Your sign-ins, changes to your account and changes to your API tokens will be listed here.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const edToken = insertToken({ creatorEmail: ed.email, title: unique("Ed token"), expiresOn: utcDate(30) });
  const adminTokenTitle = unique("Admin only token");
  const adminToken = insertToken({ creatorEmail: ADMIN.email, title: adminTokenTitle, expiresOn: utcDate(30) });
  addEvent({ actorId: null, actorLabel: "Keyward", action: "token.expired", targetId: edToken, targetLabel: "Ed's own token" });
  addEvent({ actorId: null, actorLabel: "Keyward", action: "token.updated", targetId: adminToken, targetLabel: adminTokenTitle });

  await page.goto("/events");
  const table = page.getByRole("table", { name: "Events, newest first" });
  await expect(table).toContainText("Ed's own token");
  await expect(table).not.toContainText(adminTokenTitle);
  // A filter or a hand-made link cannot reach past the scope.
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "API token updated" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await page.goto(`/events?target=${adminToken}`);
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await page.goto("/events?after=1");
  await expect(table).toContainText("Ed's own token");
  await expect(table).not.toContainText(adminTokenTitle);

  // A System Administrator still sees every event.
  await admin.goto(`/events?target=${adminToken}`);
  await expect(admin.getByRole("table", { name: "Events, newest first" })).toContainText(adminTokenTitle);
  await expect(admin.getByText("Everything that happened in Keyward, newest first.", { exact: false })).toBeVisible();
});

test("the page of a token whose creator is suspended says why, and what ends it", async ({ adminPage: page }) => {
  const sam = await createUserWithRole({ name: unique("Sam Suspended"), permissions: ["api-credentials.view", "api-credentials.manage"] });
  const token = insertToken({ creatorEmail: sam.email, title: unique("Sam token"), expiresOn: utcDate(30) });
  const db = e2eDb();
  try {
    db.prepare("update user set status = 'suspended' where id = ?").run(sam.id);
  } finally {
    db.close();
  }
  await page.goto(`/api-management/${token}`);
  await expect(
    page.getByText(
      `This token is suspended because ${sam.name}, who created it, is suspended. API requests signed with it are refused and it can’t be changed. Reactivating ${sam.name} on the Users page makes it work again; to end it for good, delete it.`,
    ),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("link", { name: `Find ${sam.name} on the Users page` }).click();
  await expect(page.getByRole("row").filter({ hasText: sam.email })).toContainText("Suspended");
  await expect(page.getByRole("button", { name: `Reactivate ${sam.name}` })).toBeVisible();
});
