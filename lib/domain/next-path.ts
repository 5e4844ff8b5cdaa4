/**
 * The page to return to after sign-in (`?next=`): a same-origin path only, never a scheme, a
 * protocol-relative `//host` or a backslash trick (`/\host`) that browsers read as another
 * origin, and never the sign-in or set-up pages themselves. Browser-safe.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith("//")) return null;
  const base = "http://keyward.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base || url.pathname === "/login" || url.pathname === "/setup") return null;
  return url.pathname + url.search + url.hash;
}
