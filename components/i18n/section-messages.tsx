import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type Section } from "@/lib/i18n/client-messages";

/** A section's client messages beside the shell's, for the pages under its layout. */
export async function SectionMessages({ section, children }: { section: Section; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages(), section)}>{children}</NextIntlClientProvider>;
}
