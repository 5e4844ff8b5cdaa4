import { ADMIN_STATE, axeViolations, expect, test } from "./fixtures";
import { addDaysIso, maxExpiry, todayIn } from "../lib/domain/expiry";

// Keyboard and time-zone checks of the two token-form widgets (ExpiryDateField and
// IpAllowlistInput) on the creation page; tokens-create.spec.ts covers the mouse paths.

for (const timezoneId of ["Pacific/Honolulu", "Pacific/Kiritimati"]) {
  test(`expiration date in ${timezoneId}: default, presets and a keyboard pick in the calendar keep the day`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE, timezoneId });
    const page = await context.newPage();
    try {
      await page.goto("/api-management/new");
      const today = todayIn(timezoneId);
      const field = page.getByLabel("Expiration date");
      await expect(field).toHaveValue(addDaysIso(today, 90));
      await expect(page.getByText(`The token works until 23:59:59 UTC on ${addDaysIso(today, 90)}.`)).toBeVisible();
      const presets = page.getByRole("group", { name: "Presets" });
      await presets.getByRole("button", { name: "1 year" }).click();
      // A year from the local today, but never past a year from today in UTC (Kiritimati is a day ahead of UTC from 10:00 UTC).
      await expect(field).toHaveValue(maxExpiry(timezoneId));
      await presets.getByRole("button", { name: "60 days" }).click();
      await expect(field).toHaveValue(addDaysIso(today, 60));

      // Open the calendar, move one day with the keyboard, pick it with Enter.
      const trigger = page.getByRole("button", { name: "Choose date" });
      await trigger.click();
      const calendar = page.getByRole("dialog", { name: "Calendar" });
      await expect(calendar).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await expect(calendar).toHaveCount(0);
      await expect(field).toHaveValue(addDaysIso(today, 61));
      await expect(trigger).toBeFocused();

      // Today is not selectable: from tomorrow, ArrowLeft has nowhere to go.
      await field.fill(addDaysIso(today, 1));
      await trigger.click();
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("Enter");
      await expect(calendar).toHaveCount(0);
      await expect(field).toHaveValue(addDaysIso(today, 1));
      // Escape closes the calendar without changing the date.
      await trigger.click();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Escape");
      await expect(calendar).toHaveCount(0);
      await expect(field).toHaveValue(addDaysIso(today, 1));

      // A typed date that doesn't exist is explained when leaving the field.
      await field.fill("2027-02-30");
      await field.blur();
      await expect(page.getByText("That date doesn't exist.")).toBeVisible();
    } finally {
      await context.close();
    }
  });
}

test("allowed IP chips by keyboard: Escape cancels an edit, Enter commits, the cap is explained", async ({ adminPage: page }) => {
  await page.goto("/api-management/new");
  const input = page.getByLabel("Allowed IP addresses");
  await input.fill("10.0.0.1");
  await input.press("Enter");
  const chip = page.getByRole("button", { name: "10.0.0.1", exact: true });
  await expect(chip).toBeVisible();

  await chip.focus();
  await page.keyboard.press("Enter");
  const editor = page.getByRole("textbox", { name: "Edit 10.0.0.1" });
  await editor.fill("10.1");
  await editor.press("Escape");
  await expect(chip).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Edit 10.0.0.1" })).toHaveCount(0);

  await page.keyboard.press("Enter");
  await editor.fill("::ffff:10.0.0.9");
  await editor.press("Enter");
  await expect(page.getByRole("button", { name: "10.0.0.9", exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "::ffff:10.0.0.9 was changed to 10.0.0.9." })).toBeVisible();

  // An invalid chip and the open-range warning pass axe too.
  await input.fill("1.2.3 ::/0");
  await input.press("Enter");
  await expect(page.getByRole("listitem").filter({ hasText: "1.2.3" }).first()).toContainText("Invalid IP address");
  await expect(page.getByText("Allowing ::/0 lets every address use this token. Confirm to continue.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Allow every address" })).not.toBeChecked();
  expect(await axeViolations(page)).toEqual([]);

  // Removing the open range hides its confirmation; removing moves focus to the next chip.
  await page.getByRole("button", { name: "Remove ::/0" }).click();
  await expect(page.getByRole("checkbox", { name: "Allow every address" })).toHaveCount(0);

  // 150 pasted lines: 100 chips, a clear message, and the page stays responsive.
  await page.getByRole("button", { name: "Remove 1.2.3" }).click();
  await page.getByRole("button", { name: "Remove 10.0.0.9" }).click();
  await expect(page.getByText("No restriction: the token works from any IP address.")).toBeVisible();
  await input.fill(Array.from({ length: 150 }, (_, i) => `192.0.2.${i}`).join("\n"));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Remove 192\.0\.2\./ })).toHaveCount(100);
  await expect(
    page.getByText("A token can have at most 100 allowed IP addresses or ranges: 50 entries were not added.").first(),
  ).toBeVisible();
});
