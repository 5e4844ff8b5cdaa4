"use client";

import { useTranslations } from "next-intl";
import { asTranslator, translateMessage } from "@/lib/domain/message";

/**
 * Turns a message from lib/domain (a key with parameters, e.g. from the shared zod schemas in
 * the form's resolver) into the viewer's language; text that is already readable passes as is.
 */
export function useMessageText(): (text: string) => string {
  const t = asTranslator(useTranslations());
  return (text) => translateMessage(t, text);
}
