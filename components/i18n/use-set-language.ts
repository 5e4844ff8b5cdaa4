"use client";

import { useServerAction } from "@/components/hooks/use-server-action";
import { setLanguageAction } from "@/lib/i18n/actions";

/** Saves the chosen language (on the user, or in a cookie before sign-in) and applies it at once. */
export function useSetLanguage() {
  return useServerAction(setLanguageAction, { refusal: "toast" });
}
