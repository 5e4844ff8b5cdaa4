"use client";

import { RowLink } from "@/components/ui/row-link";
import { LocalTime } from "./local-time";

/** One event as the table shows it, already in the viewer's words (components/events/event-table.tsx). */
export interface EventRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  /** null: the event has no target. */
  target: { label: string; href: string | null } | null;
  sourceIp: string | null;
  details: string[];
}

// A dash for "none", the same in every language.
const NONE = "—";

// The cells' look is set once on the table body, not on each of 50 rows × 6 cells: an events
// page's HTML and RSC payload carried every class string once per cell.
const BODY_CLASS = [
  "divide-y divide-slate-200 dark:divide-slate-800",
  "[&>tr>td]:px-3 [&>tr>td]:py-2 [&>tr>td]:align-top",
  // The details: one line per fact, the language's separator hidden between them (read and copied as one text).
  // relative: the hidden separator is placed inside the table's scroll frame, not the page's.
  "[&_.lines>span]:relative [&_.lines>span]:block [&_.lines>span>span]:sr-only",
  "[&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-brand-100",
].join(" ");

/**
 * The rows of the events table, rendered from plain values: as a server component each row sent
 * its whole element tree in the page's RSC payload beside the HTML.
 */
export function EventRows({ rows, showTarget, separator }: { rows: EventRow[]; showTarget: boolean; separator: string }) {
  return (
    <tbody className={BODY_CLASS}>
      {rows.map((e) => (
        <tr key={e.id}>
          <td>
            <LocalTime iso={e.at} />
          </td>
          <td className="min-w-40 break-all">{e.actor}</td>
          <td className="min-w-36">{e.action}</td>
          {showTarget && (
            <td className="min-w-36 break-all">
              {!e.target ? <span className="text-slate-500">{NONE}</span> : e.target.href ? <RowLink href={e.target.href}>{e.target.label}</RowLink> : <span>{e.target.label}</span>}
            </td>
          )}
          <td className="font-mono text-xs">{e.sourceIp ?? NONE}</td>
          <td className="lines min-w-56 max-w-sm break-words text-xs">
            {e.details.length === 0
              ? NONE
              : e.details.map((line, i) => (
                  <span key={i}>
                    {i > 0 && <span>{separator}</span>}
                    {line}
                  </span>
                ))}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
