"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** What a page shows when it fails to load; the details stay in the server log. */
export function ErrorPanel({ reset }: { reset: () => void }) {
  const t = useTranslations();
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold">{t("pages.error.heading")}</h1>
      <p className="mt-1 text-sm">{t("pages.error.body")}</p>
      <Button variant="secondary" className="mt-4" onClick={reset}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
