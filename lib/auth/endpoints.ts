/**
 * The better-auth endpoints the console uses; every other one (update-user, change-password,
 * list-sessions …) is closed, so profile and account changes go only through the product's own
 * validated, audited actions.
 */
const OPEN_ENDPOINTS = new Set(["POST /api/auth/sign-in/email", "POST /api/auth/sign-out", "GET /api/auth/get-session"]);

export function isOpenAuthEndpoint(method: string, url: string): boolean {
  return OPEN_ENDPOINTS.has(`${method.toUpperCase()} ${new URL(url, "http://x").pathname.replace(/\/+$/, "")}`);
}
