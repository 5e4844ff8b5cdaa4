import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundPage } from "@/components/not-found-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("notFound.title") };
}

// notFound() from a console page: shown inside the shell, whose main it shares.
export default function ConsoleNotFound() {
  return <NotFoundPage landmark={false} />;
}
