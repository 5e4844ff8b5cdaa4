import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("notFound.title") };
}

export default async function NotFound() {
  const t = await getTranslations("pages");
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("notFound.heading")}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t("notFound.body")}</p>
      <Link href="/api-management" className="mt-6 text-sm font-medium text-brand-700 underline dark:text-brand-100">
        {t("home")}
      </Link>
    </main>
  );
}
