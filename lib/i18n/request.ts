import { getRequestConfig } from "next-intl/server";
import { MESSAGES } from "./messages";
import { requestLocale } from "./request-locale";

// next-intl without locale routing: the language is the user's, not the URL's.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // Times are shown in the viewer's zone by the components themselves; UTC is the server's default.
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});
