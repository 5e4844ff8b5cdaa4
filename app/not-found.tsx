import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundPage } from "@/components/not-found-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("notFound.title") };
}

// An unknown address: shown without the console shell, so the page brings its own main.
export default function NotFound() {
  return <NotFoundPage landmark />;
}
