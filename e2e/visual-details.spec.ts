import type { Locator, Page } from "@playwright/test";
import { ADMIN, axeViolations, expect, test, unique } from "./fixtures";
import { insertToken, utcDate } from "./helpers/token-db";
import { createWithDefaults, recordSecret } from "./helpers/token-fixtures";

// Issue 12, items 10 and 11: what a person sees on a narrow screen, in the dark theme, and where
// the keyboard focus goes.

/** Whether the element shows all of its content: nothing cut off or hidden behind a scrollbar. */
function showsEverything(locator: Locator) {
  return locator.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1);
}

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("the reveal dialog shows the whole token ID and secret at 1280 px and at 360 px", async ({ adminPage: page }) => {
  await createWithDefaults(page, unique("Whole secret"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  const secret = dialog.getByLabel("Secret key");
  recordSecret(await secret.inputValue());
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await showsEverything(secret), `secret at ${width}px`).toBe(true);
    expect(await showsEverything(dialog.getByLabel("Token ID")), `token ID at ${width}px`).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  }
  expect(await axeViolations(page)).toEqual([]);
});

test("'Go back' in the reveal dialog's confirmation returns focus to the button that asked", async ({ adminPage: page }) => {
  await createWithDefaults(page, unique("Focus back"));
  const dialog = page.getByRole("dialog", { name: "API token created" });
  recordSecret(await dialog.getByLabel("Secret key").inputValue());
  const close = dialog.getByRole("button", { name: "Close", exact: true });
  await close.click();
  const confirm = page.getByRole("dialog", { name: "Close without saving the secret?" });
  await confirm.getByRole("button", { name: "Go back" }).click();
  await expect(confirm).toBeHidden();
  await expect(close).toBeFocused();

  // Escape in the confirmation does the same.
  await close.press("Enter");
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(close).toBeFocused();
});

test("Tab out of an edited IP chip lands on that chip's Remove button", async ({ adminPage: page }) => {
  await page.goto("/api-management/new");
  const input = page.getByRole("textbox", { name: "Allowed IP addresses" });
  await input.fill("203.0.113.7 198.51.100.1");
  await input.press("Enter");
  await page.getByRole("button", { name: "203.0.113.7", exact: true }).click();
  const editor = page.getByRole("textbox", { name: "Edit 203.0.113.7" });
  await editor.fill("203.0.113.8");
  await editor.press("Tab");
  await expect(page.getByRole("button", { name: "203.0.113.8", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove 203.0.113.8" })).toBeFocused();
});

test("at 360 px the permission checkboxes are a stacked list, on token creation and in the role editor", async ({ adminPage: page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const url of ["/api-management/new", "/roles/new"]) {
    await page.goto(url);
    const manage = page.getByRole("checkbox", { name: "Manage API credentials" });
    await expect(manage).toBeVisible();
    // Every checkbox is inside the screen without scrolling anything sideways.
    for (const box of await page.getByRole("checkbox").all()) {
      const rect = await box.boundingBox();
      expect(rect && rect.x >= 0 && rect.x + rect.width <= 360, `${url}: ${await box.getAttribute("aria-label")}`).toBe(true);
    }
    expect(await pageWidth(page), url).toBeLessThanOrEqual(360);
  }
});

test("a disabled button looks disabled: dimmed, with a not-allowed cursor", async ({ adminPage: page }) => {
  insertToken({ creatorEmail: ADMIN.email, title: unique("Pager"), expiresOn: utcDate(30) });
  await page.goto("/api-management");
  const previous = page.getByRole("navigation", { name: /pag/i }).getByRole("button", { name: "Previous" });
  await expect(previous).toBeDisabled();
  const style = await previous.evaluate((el) => ({ opacity: Number(getComputedStyle(el).opacity), cursor: getComputedStyle(el).cursor }));
  expect(style.opacity).toBeLessThan(0.7);
  expect(style.cursor).toBe("not-allowed");
});

test("the expiry calendar's controls keep their contrast in the light and the dark theme", async ({ adminPage: page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/api-management/new");
    // The default date is set in the browser (its time zone) after hydration; the calendar shows
    // a selected day only once it is there.
    await expect(page.getByLabel("Expiration date")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole("button", { name: "Choose date" }).click();
    const calendar = page.getByRole("dialog", { name: "Calendar" });
    await expect(calendar).toBeVisible();
    expect(await axeViolations(page), colorScheme).toEqual([]);
    // axe checks text only: the month arrows and the selected day's ring are controls that need
    // 3:1 against the popover (WCAG 1.4.11).
    const ratios = await calendar.evaluate((popover) => {
      const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      const rgb = (color: string) => {
        canvas.clearRect(0, 0, 1, 1);
        canvas.fillStyle = color;
        canvas.fillRect(0, 0, 1, 1);
        return [...canvas.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      const luminance = (color: string) => {
        const [r, g, b] = rgb(color).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const contrast = (a: string, b: string) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const background = getComputedStyle(popover).backgroundColor;
      const chevron = popover.querySelector(".rdp-chevron")!;
      const selected = popover.querySelector(".rdp-selected .rdp-day_button")!;
      return {
        arrow: contrast(getComputedStyle(chevron).fill, background),
        selectedRing: contrast(getComputedStyle(selected).borderTopColor, background),
      };
    });
    expect(ratios.arrow, `${colorScheme} arrow`).toBeGreaterThanOrEqual(3);
    expect(ratios.selectedRing, `${colorScheme} selected day`).toBeGreaterThanOrEqual(3);
  }
});

test("a table wider than the screen scrolls inside its own labelled box, with a visible cue", async ({ adminPage: page }) => {
  insertToken({ creatorEmail: ADMIN.email, title: unique("Wide table"), expiresOn: utcDate(30) });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/api-management");
  const box = page.getByRole("region", { name: "API tokens" });
  await expect(box).toBeVisible();
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // The shadow at the edge that more columns hide.
  expect(await box.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain("gradient");
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
});
