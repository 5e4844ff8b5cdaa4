import crypto from "node:crypto";
import { ADMIN, axeViolations, expect, test } from "./fixtures";
import { e2eDb } from "./helpers/token-db";

// 120 events about one made-up target, 3 of them on a fixed day long ago, written straight to
// the database so paging and date filters have known data.
function seedEvents(target: string) {
  const db = e2eDb();
  try {
    const insert = db.prepare(
      "insert into events (at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, source_ip, details) values (?, 'user', ?, ?, ?, 'token', ?, ?, '198.51.100.7', ?)",
    );
    const actor = db.prepare("select id from user where email = ?").get(ADMIN.email) as { id: string };
    db.transaction(() => {
      for (let i = 0; i < 3; i++) insert.run(Date.UTC(2021, 5, 15, 10 + i), actor.id, ADMIN.email, "token.created", target, "Old token", JSON.stringify({ n: i }));
      for (let i = 0; i < 117; i++) insert.run(Date.now() - (117 - i) * 1000, actor.id, ADMIN.email, i % 2 ? "token.updated" : "token.revoked", target, "Paged token", JSON.stringify({ n: i + 3 }));
    }).immediate();
  } finally {
    db.close();
  }
}

test("Event history pages with Next page / Newer and filters by action, actor, target and dates", async ({ adminPage: page }) => {
  // Fourteen steps and two axe scans: on a loaded 2-core machine this passes 60 s.
  test.slow();
  const target = crypto.randomUUID();
  seedEvents(target);

  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "Event history", level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Target filter through the form.
  await page.getByLabel("Target", { exact: true }).fill(target);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`target=${target}`));
  const table = page.getByRole("table", { name: "Events, newest first" });
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(51);
  await expect(rows.nth(1)).toContainText("n: 119");
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(rows.nth(1)).toContainText("n: 69");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(rows).toHaveCount(21);
  await expect(rows.nth(20)).toContainText("n: 0");
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await page.getByRole("link", { name: "Newer" }).click();
  await expect(rows.nth(1)).toContainText("n: 69");
  await page.getByRole("link", { name: "Newer" }).click();
  await expect(rows.nth(1)).toContainText("n: 119");
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);

  // Action filter in plain words, combined with the target; it offers the actions Keyward records,
  // rotation among them.
  await expect(page.getByLabel("Action", { exact: true }).getByRole("option", { name: "API token rotated" })).toHaveCount(1);
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "API token revoked" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(51);
  for (const i of [1, 25, 50]) await expect(rows.nth(i)).toContainText("API token revoked");

  // Date range: the three old events, shown in the viewer's zone with UTC on hover.
  await page.goto(`/events?target=${target}`);
  await page.getByLabel("From", { exact: true }).fill("2021-06-15");
  await page.getByLabel("To", { exact: true }).fill("2021-06-15");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1).locator("time")).toHaveAttribute("title", "2021-06-15 12:00:00 UTC");
  await expect(rows.nth(1)).toContainText("Old token");
  await expect(rows.nth(1)).toContainText("198.51.100.7");

  // To through the console's date picker (the one the token expiry uses), opened on the chosen month.
  await page.getByRole("button", { name: "Choose date (To)" }).click();
  const calendar = page.getByRole("dialog", { name: "Calendar (To)" });
  await expect(calendar.getByRole("grid")).toBeVisible();
  await calendar.getByRole("button", { name: /^16 June 2021,/ }).click();
  await expect(calendar).toBeHidden();
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("2021-06-16");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/to=2021-06-16/);
  await expect(rows).toHaveCount(4);

  // Actor by email; an unknown actor gives the empty state.
  await page.goto(`/events?actor=${encodeURIComponent(ADMIN.email)}&target=${target}&to=2021-06-15`);
  await expect(rows).toHaveCount(4);
  await page.goto(`/events?actor=nobody%40example.com`);
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Show all events" }).click();
  await expect(table).toBeVisible();
});
