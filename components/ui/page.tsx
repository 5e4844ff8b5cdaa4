import { cn } from "./cn";

export function PageHeader({ title, description, actions }: { title: string; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function EmptyState({ title, description, action, icon }: { title: string; description: React.ReactNode; action?: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      {icon && <div className="mb-3 text-slate-500">{icon}</div>}
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-300">{description}</p>
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "green" | "red" | "amber" | "blue"; children: React.ReactNode }) {
  const tones = {
    neutral: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
    green: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
    red: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
    blue: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  };
  return <span className={cn("inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}

/**
 * A captioned table. Given `columns`, it renders their header row and puts `children` (the rows)
 * in the body, so list tables share one head and body markup; without it, `children` is the
 * whole table content. `busy` marks the body as being refreshed.
 */
export function Table({ caption, columns, busy, children }: { caption: string; columns?: readonly string[]; busy?: boolean; children: React.ReactNode }) {
  return (
    // A table wider than the screen scrolls in its own box (a shadow at the edge says there is
    // more), never the page; the box is a named, focusable region so keyboards can scroll it too.
    <div role="region" aria-label={caption} tabIndex={0} className="scroll-cue overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        {columns ? (
          <>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" className={thClass}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800" aria-busy={busy}>
              {children}
            </tbody>
          </>
        ) : (
          children
        )}
      </table>
    </div>
  );
}

// Headers stay on one line: Japanese would otherwise wrap them a character at a time.
/** One labelled value of a details list (<dl>): the label beside the value from the small breakpoint up. */
export function DetailRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

export const thClass = "whitespace-nowrap bg-slate-50 px-3 py-2 font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200";
export const tdClass = "px-3 py-2 align-top";

export function LoadingRows({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">{label}</span>
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-10 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
      ))}
    </div>
  );
}
