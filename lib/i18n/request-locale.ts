import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { browserLocaleFrom, LOCALE_COOKIE, type Locale } from "@/lib/domain/locale";

/** The browser's language for this request: the sign-in page's switch (cookie), else Accept-Language, else English. */
export const browserLocale = cache(async (): Promise<Locale> =>
  browserLocaleFrom((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language")),
);

/** The console's language for this request: the signed-in user's saved choice, else the browser's. */
export const requestLocale = cache(async (): Promise<Locale> => {
  const actor = await getActor();
  return actor?.language ?? (await browserLocale());
});
