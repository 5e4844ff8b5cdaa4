"use client";

// Sign-in and sign-out call better-auth's endpoints directly, as its client would: the client
// library (about 12 KB gzip) was in every console page's JavaScript for one sign-out button.

/** better-auth's answer to a refused request: its JSON body, with the HTTP status. */
export type AuthError = { status: number; message?: string; code?: string; retryAfterSeconds?: unknown };

async function post(path: string, body: object): Promise<{ error: AuthError | null }> {
  const res = await fetch(`/api/auth${path}`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.ok) return { error: null };
  const answer: unknown = await res.json().catch(() => null);
  return { error: { ...(answer && typeof answer === "object" ? answer : {}), status: res.status } };
}

/** Rejects when the request got no answer. */
export const signInEmail = (email: string, password: string) => post("/sign-in/email", { email, password });

/** Rejects when the request got no answer. */
export const signOut = () => post("/sign-out", {});
