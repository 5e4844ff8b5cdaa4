import Link from "next/link";

const linkClass =
  "inline-flex h-8 items-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** Previous / Next links for a list paginated on the server with ?page=N. */
export function Pagination({ basePath, page, pageCount, total, noun }: { basePath: string; page: number; pageCount: number; total: number; noun: [string, string] }) {
  const href = (p: number) => (p <= 1 ? basePath : `${basePath}?page=${p}`);
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        Page {Math.min(page, pageCount)} of {pageCount} · {total} {total === 1 ? noun[0] : noun[1]}
      </p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link href={href(Math.min(page - 1, pageCount))} className={linkClass}>
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link href={href(page + 1)} className={linkClass}>
            Next
          </Link>
        )}
      </div>
    </nav>
  );
}
