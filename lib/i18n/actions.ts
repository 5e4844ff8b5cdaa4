"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { localized, type ActionResult } from "@/lib/auth/action";
import { getActor } from "@/lib/auth/actor";
import { setUserLanguage } from "@/lib/data/users";
import { LOCALE_COOKIE, LOCALES } from "@/lib/domain/locale";
import { msg } from "@/lib/domain/message";

const languageSchema = z.enum(LOCALES);

/**
 * Language in the user menu and on the sign-in and set-up pages. A signed-in user's choice is
 * saved on the user (it follows them to any browser, and their notices use it); the cookie keeps
 * the choice for this browser's sign-in page too.
 */
export async function setLanguageAction(language: string): Promise<ActionResult<null>> {
  const parsed = languageSchema.safeParse(language);
  if (!parsed.success) return localized({ ok: false, status: 400, error: msg("errors.unknownLanguage") });
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  const actor = await getActor();
  if (actor) await setUserLanguage(actor.id, parsed.data);
  return { ok: true, data: null };
}
