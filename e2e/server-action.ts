import type { APIRequestContext, Page } from "@playwright/test";

/**
 * A server action exactly as the browser sent it: the page URL it posted to, its `Next-Action`
 * ID and its body. Replaying it from another context tests the check inside the action itself
 * (server actions are public POST endpoints, whatever the UI hides).
 */
export interface CapturedServerAction {
  url: string;
  actionId: string;
  contentType: string;
  body: string;
}

/** Runs trigger (e.g. a form submission) and records the first server action request it makes. */
export async function captureServerAction(page: Page, trigger: () => Promise<unknown>): Promise<CapturedServerAction> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    trigger(),
  ]);
  const headers = await request.allHeaders();
  return {
    url: request.url(),
    actionId: headers["next-action"],
    contentType: headers["content-type"] ?? "text/plain;charset=UTF-8",
    body: request.postData() ?? "",
  };
}

export interface ReplayResult {
  status: number;
  text: string;
  /** The action's return value decoded from the flight response, or undefined if there is none. */
  result: unknown;
}

/**
 * Posts a captured action again through `request` (e.g. `otherContext.request`, carrying that
 * context's cookies). `body` replaces the captured body; `origin` replaces the same-origin
 * Origin header (a string such as "https://evil.example" or "null"), or `false` omits it.
 */
export async function replayServerAction(
  request: APIRequestContext,
  action: CapturedServerAction,
  options: { body?: string; origin?: string | false } = {},
): Promise<ReplayResult> {
  const headers: Record<string, string> = {
    "Next-Action": action.actionId,
    "Content-Type": action.contentType,
    Accept: "text/x-component",
  };
  if (options.origin !== false) headers.Origin = options.origin ?? new URL(action.url).origin;
  const response = await request.post(action.url, { headers, data: options.body ?? action.body, maxRedirects: 0 });
  const text = await response.text();
  return { status: response.status(), text, result: decodeFlightResult(text) };
}

/** The value an action returned, from Next's flight response (row 0's "a" points at it). */
export function decodeFlightResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
    const ref = head?.a?.replace(/^\$@/, "");
    return ref && rows.has(ref) ? JSON.parse(rows.get(ref)!) : undefined;
  } catch {
    return undefined;
  }
}
