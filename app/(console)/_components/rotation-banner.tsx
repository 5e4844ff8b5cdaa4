import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatCalendarDate } from "@/lib/i18n/format";

const linkClass = "font-medium underline underline-offset-2";

/**
 * Shown on every console page while a rotation campaign waits for any of the user's tokens: how
 * many, by when, where they are and what to do. A labelled region, not an alert: it is standing
 * information, not news to interrupt with.
 */
export async function RotationBanner({ count, deadlineOn, showTokens }: { count: number; deadlineOn: string; showTokens: boolean }) {
  const t = await getTranslations("rotationDue");
  const locale = await getLocale();
  return (
    <section aria-label={t("bannerLabel")} className="border-b border-amber-300 bg-amber-50 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
        <p>{t("banner", { count, date: formatCalendarDate(deadlineOn, locale) })}</p>
        {showTokens && (
          <Link href="/api-management" className={linkClass}>
            {t("bannerTokens")}
          </Link>
        )}
        <Link href="/rotations/help" className={linkClass}>
          {t("help")}
        </Link>
      </div>
    </section>
  );
}
