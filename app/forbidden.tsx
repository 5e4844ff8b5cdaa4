import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("pages");
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <ShieldAlert className="size-10 text-amber-600" aria-hidden />
      <h1 className="mt-4 text-2xl font-semibold">{t("forbidden.heading")}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t("forbidden.body")}</p>
      <Link href="/api-management" className="mt-6 text-sm font-medium text-brand-700 underline dark:text-brand-100">
        {t("home")}
      </Link>
    </main>
  );
}
