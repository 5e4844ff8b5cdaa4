import { expect, signIn, test, unique } from "./fixtures";
import { addRole, addUser, fillAddUser, gotoUser, openAddUser, userRow } from "./pages/users-roles";
import { captureServerAction, replayServerAction } from "./server-action";

const PASSWORD = "a long enough password 19";
const email = (p: string) => `${unique(p).replace(/\s/g, "-")}@example.com`;

test("a users-and-roles manager can't give anyone a role holding permissions they lack, in the picker or by calling the action", async ({ adminPage: admin, browser }) => {
  const managers = unique("Managers");
  const wide = unique("Wide");
  await addRole(admin, managers, ["View Users and roles", "Manage Users and roles"]);
  await addRole(admin, wide, ["Manage API credentials", "Manage Users and roles"]);
  const mo = { email: email("mo"), name: unique("Mo Manager"), role: managers, password: PASSWORD };
  const second = { email: email("mo-second"), name: unique("Mo Second"), role: managers, password: PASSWORD };
  await addUser(admin, mo);
  await addUser(admin, second);

  // The administrator's own add-user request, with the wide role: the body Mo replays below.
  await admin.goto("/users");
  await openAddUser(admin);
  await fillAddUser(admin, { email: email("template"), name: unique("Template"), role: wide, password: PASSWORD });
  const addWithWide = await captureServerAction(admin, () =>
    admin.getByRole("dialog", { name: "Add user" }).getByRole("button", { name: "Add user" }).click(),
  );
  await expect(admin.getByRole("dialog", { name: "Add user" })).toBeHidden();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, mo.email, mo.password);
  await page.goto("/users");
  const dialog = await openAddUser(page);
  const options = await dialog.getByLabel("Role").locator("option").allTextContents();
  expect(options).toContain(managers);
  expect(options).not.toContain(wide);
  expect(options).not.toContain("System Administrator");
  await page.keyboard.press("Escape");

  // Bypassing the picker: the server refuses, and nobody is created.
  const smuggled = email("smuggled");
  const body = JSON.parse(addWithWide.body) as [{ email: string }];
  body[0].email = smuggled;
  const asMo = await replayServerAction(context.request, addWithWide, { body: JSON.stringify(body) });
  expect(asMo.result).toMatchObject({ ok: false, status: 403 });
  await context.close();

  await gotoUser(admin, smuggled);
  await expect(userRow(admin, smuggled)).toHaveCount(0);
  await gotoUser(admin, second.email);
  await expect(userRow(admin, second.email)).toContainText(managers);
});
