import { ALL_PERMISSIONS } from "../lib/domain/permissions";
import { axeViolations, expect, signIn, test, unique } from "./fixtures";
import { addRole, addUser, confirm, gotoUser, userRow } from "./pages/users-roles";
import { captureServerAction, replayServerAction } from "./server-action";

const PASSWORD = "a long enough password 2";
const ALL_PERMISSION_COUNT = ALL_PERMISSIONS.length;

function roleRow(page: import("@playwright/test").Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
}

test("the permission table: Manage checks View, unchecking View unchecks Manage, Select all / Clear all; field errors", async ({ adminPage: page }) => {
  await page.goto("/roles/new");
  await expect(page.getByRole("heading", { name: "Add role" })).toBeVisible();
  const table = page.getByRole("table", { name: "Permissions of this role" });
  const boxes = table.getByRole("checkbox");
  await expect(boxes).toHaveCount(ALL_PERMISSION_COUNT);
  expect(await axeViolations(page)).toEqual([]);

  const manage = page.getByRole("checkbox", { name: "Manage Device fields" });
  const view = page.getByRole("checkbox", { name: "View Device fields" });
  await manage.check();
  await expect(view).toBeChecked();
  await view.uncheck();
  await expect(manage).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Run Reach scripts" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Perform Freeze device" })).toBeVisible();

  // Each feature says which API endpoints its permissions open, so the least can be chosen.
  await table.getByRole("button", { name: "2 API endpoints of Freeze device" }).click();
  await expect(table.getByRole("listitem")).toHaveText(["View GET /v3/actions/freeze/messages", "Perform POST /v3/actions/requests/freeze"]);
  await expect(table.getByRole("rowheader", { name: /^Event history/ })).toContainText("Console only, no API endpoint");
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Select all" }).click();
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await page.getByRole("button", { name: "Clear all" }).click();
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();

  // Nothing filled in: both fields say what is missing.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a role name.")).toBeVisible();
  await expect(page.getByText("Choose at least one permission.")).toBeVisible();
  await expect(page).toHaveURL(/\/roles\/new$/);

  const name = unique("Report readers");
  await page.getByLabel("Role name").fill(name);
  await page.getByRole("checkbox", { name: "Manage Policies" }).check();
  await page.getByRole("checkbox", { name: "View Device reports" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/roles$/);
  await expect(page.getByText(`Role “${name}” was added.`)).toBeVisible();
  // Manage Policies brought View Policies with it.
  await expect(roleRow(page, name)).toContainText("3 permissions");
  expect(await axeViolations(page)).toEqual([]);

  // Role names are unique regardless of case.
  await page.goto("/roles/new");
  await page.getByLabel("Role name").fill(name.toUpperCase());
  await page.getByRole("checkbox", { name: "View Device reports" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`A role named “${name.toUpperCase()}” already exists. Choose another name.`).first()).toBeVisible();
  await expect(page.getByLabel("Role name")).toHaveValue(name.toUpperCase());
});

test("System Administrator is built in: every permission, read-only, and the server refuses to edit it", async ({ adminPage: page }) => {
  await page.goto("/roles");
  const admin = roleRow(page, "System Administrator");
  await expect(admin).toContainText("Built in");
  await expect(admin).toContainText("Every permission");
  // Ada holds it (and possibly administrators other tests added): never zero.
  await expect(admin.getByRole("cell").nth(1)).not.toHaveText("0");
  await expect(admin.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  const adminHref = await admin.getByRole("link", { name: "View System Administrator" }).getAttribute("href");
  const adminRoleId = Number(adminHref!.split("/").pop());

  await page.goto(adminHref!);
  const boxes = page.getByRole("table", { name: "Permissions of System Administrator" }).getByRole("checkbox");
  await expect(boxes).toHaveCount(ALL_PERMISSION_COUNT);
  for (const box of await boxes.all()) {
    await expect(box).toBeChecked();
    await expect(box).toBeDisabled();
  }
  await expect(page.getByRole("button", { name: "Select all" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

  // Capture a real "save role" call, then replay it aimed at the built-in role.
  const name = unique("Editors");
  await addRole(page, name, ["View API credentials"]);
  await roleRow(page, name).getByRole("link", { name: `Edit ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Edit role: ${name}` })).toBeVisible();
  const action = await captureServerAction(page, () => page.getByRole("button", { name: "Save" }).click());
  await page.waitForURL(/\/roles$/);
  const tampered = JSON.parse(action.body) as [{ roleId: number; name: string; permissions: string[] }];
  tampered[0].roleId = adminRoleId;
  tampered[0].name = "Hacked";
  tampered[0].permissions = ["event-history.view"];
  const refused = await replayServerAction(page.request, action, { body: JSON.stringify(tampered) });
  expect(refused.result).toMatchObject({ ok: false, error: "The System Administrator role is built in and can't be changed." });

  // And a permission outside the catalogue is refused rather than dropped.
  tampered[0].roleId = JSON.parse(action.body)[0].roleId;
  tampered[0].name = name;
  tampered[0].permissions = ["api-credentials.view", "root.everything"];
  const unknown = await replayServerAction(page.request, action, { body: JSON.stringify(tampered) });
  expect(unknown.result).toMatchObject({ ok: false, fieldErrors: { permissions: ["Unknown permission: root.everything."] } });

  await page.goto("/roles");
  await expect(roleRow(page, "System Administrator")).toBeVisible();
  await expect(roleRow(page, "Hacked")).toHaveCount(0);
});

test("a role held by users can't be deleted; once free it can", async ({ adminPage: page }) => {
  const name = unique("Temporary");
  await addRole(page, name, ["View Event history"]);
  const email = `${unique("holder").replace(/\s/g, "-")}@example.com`;
  const holder = unique("Role Holder");
  await addUser(page, { email, name: holder, role: name, password: PASSWORD });

  await page.goto("/roles");
  await expect(roleRow(page, name)).toContainText("1 permission");
  await expect(roleRow(page, name).getByRole("cell").nth(1)).toHaveText("1");
  // Delete is disabled, and the row says why.
  await expect(roleRow(page, name).getByRole("button", { name: `Delete ${name}` })).toBeDisabled();
  await expect(roleRow(page, name).getByRole("button", { name: `Delete ${name}` })).toHaveAccessibleDescription("Assigned to 1 user: give them another role first.");

  await gotoUser(page, email);
  await userRow(page, email).getByRole("button", { name: /^Delete / }).click();
  await confirm(page, "Delete user");
  // Done once it says so: the row can leave the table before the action has finished.
  await expect(page.getByText(`${holder} was deleted.`)).toBeVisible();
  await expect(userRow(page, email)).toHaveCount(0);

  await page.goto("/roles");
  await roleRow(page, name).getByRole("button", { name: `Delete ${name}` }).click();
  await confirm(page, "Delete role");
  await expect(page.getByText(`Role “${name}” was deleted.`)).toBeVisible();
  await expect(roleRow(page, name)).toHaveCount(0);
});

test("editing a role changes what its users may do on their next request", async ({ adminPage: page, browser }) => {
  const name = unique("Growing");
  await addRole(page, name, ["View API credentials"]);
  const email = `${unique("grower").replace(/\s/g, "-")}@example.com`;
  await addUser(page, { email, name: unique("Role Grower"), role: name, password: PASSWORD });

  const other = await browser.newContext();
  const user = await other.newPage();
  await signIn(user, email, PASSWORD);
  await user.goto("/roles");
  await expect(user.getByRole("heading", { name: /403/ })).toBeVisible();

  await page.goto("/roles");
  await roleRow(page, name).getByRole("link", { name: `Edit ${name}` }).click();
  await page.getByRole("checkbox", { name: "Manage Users and roles" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/roles$/);
  await expect(page.getByText(`Role “${name}” was saved.`)).toBeVisible();

  await user.goto("/roles");
  await expect(user.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  await expect(user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
  await other.close();
});
