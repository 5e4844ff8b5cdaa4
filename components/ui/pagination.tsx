import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";

const linkClass =
  "inline-flex h-8 items-center whitespace-nowrap rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** Previous / Next links for a list paginated on the server with ?page=N, beside the caller's "Page 1 of 3 · 60 users". */
export function Pagination({
  basePath,
  query = {},
  page,
  pageCount,
  summary,
}: {
  basePath: string;
  /** Other search parameters (e.g. q) kept on every page link; empty values are left out. */
  query?: Record<string, string>;
  page: number;
  pageCount: number;
  summary: string;
}) {
  const t = useTranslations();
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
    if (p > 1) params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav aria-label={t("ui.pagination")} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600 dark:text-slate-300">{summary}</p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link href={href(Math.min(page - 1, pageCount))} className={linkClass}>
            {t("common.previous")}
          </Link>
        )}
        {page < pageCount && (
          <Link href={href(page + 1)} className={linkClass}>
            {t("common.next")}
          </Link>
        )}
      </div>
    </nav>
  );
}
