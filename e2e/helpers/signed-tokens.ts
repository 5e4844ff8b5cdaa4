import type { KeyObject } from "node:crypto";
import type { Page } from "@playwright/test";
import { signRequest } from "@/lib/api-client";
import { expect } from "../fixtures";
import { createAllowingAnyIp, recordSecret } from "./token-fixtures";

// Generated tokens made through the form, and signed calls with them as a program makes them
// (lib/api-client): shared by the rotation and campaign specs.

const GROUPS = "/v3/configurations/device-groups/groups";

/** Closes a reveal dialog whose secret was neither copied nor downloaded: it asks first. */
export async function closeUnsaved(page: Page, dialog: ReturnType<Page["getByRole"]>) {
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("button", { name: "Close anyway" }).click();
  await expect(dialog).toBeHidden();
}

/** Creates a generated token through the form as the signed-in user; returns its ID and secret (the reveal dialog closed). */
export async function createGenerated(page: Page, title: string): Promise<{ id: string; secret: string }> {
  await page.goto("/api-management/new");
  await page.getByLabel("Title").fill(title);
  await createAllowingAnyIp(page);
  const dialog = page.getByRole("dialog", { name: "API token created" });
  const id = await dialog.getByLabel("Token ID").inputValue();
  const secret = await dialog.getByLabel("Secret key").inputValue();
  recordSecret(secret);
  await closeUnsaved(page, dialog);
  return { id, secret };
}

let lastIssuedAt = 0;

/** One signed GET to /jws/validate with a secret (HS256) or a private key (ES256): its status and the two rotation headers. */
export async function signedCall(baseURL: string, tokenId: string, credential: string | KeyObject) {
  // A distinct issuedAt per call: two calls in one millisecond would be the same signed content (a replay).
  lastIssuedAt = Math.max(Date.now(), lastIssuedAt + 1);
  const key = typeof credential === "string" ? { secret: credential } : { privateKeyPem: credential };
  const body = signRequest({ method: "GET", path: GROUPS, tokenId, ...key, issuedAt: lastIssuedAt });
  const res = await fetch(`${baseURL}/jws/validate`, { method: "POST", headers: { "Content-Type": "text/plain" }, body });
  await res.text();
  return { status: res.status, superseded: res.headers.get("keyward-credential-superseded"), rotateBy: res.headers.get("keyward-rotate-by") };
}
