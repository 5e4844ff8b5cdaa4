/**
 * The better-auth endpoints the console uses; every other one (update-user, change-password,
 * list-sessions …) is closed, so profile and account changes go only through the product's own
 * validated, audited actions.
 */
const OPEN_ENDPOINTS = new Set(["POST /api/auth/sign-in/email", "POST /api/auth/sign-out", "GET /api/auth/get-session"]);

export function isOpenAuthEndpoint(method: string, url: string): boolean {
  return OPEN_ENDPOINTS.has(`${method.toUpperCase()} ${new URL(url, "http://x").pathname.replace(/\/+$/, "")}`);
}

/**
 * The response without the session token in its body: the browser holds the session in an
 * HttpOnly cookie, so script on the page never needs the token (and XSS could not take it).
 */
export async function withoutSessionToken(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const body: unknown = await response.clone().json().catch(() => null);
  if (!body || typeof body !== "object") return response;
  const record = body as { token?: unknown; session?: { token?: unknown } | null };
  if (!("token" in record) && !(record.session && typeof record.session === "object" && "token" in record.session)) return response;
  const { token: _token, ...rest } = record;
  const cleaned = rest.session && typeof rest.session === "object" ? { ...rest, session: { ...rest.session, token: undefined } } : rest;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(cleaned), { status: response.status, statusText: response.statusText, headers });
}
