"use client";

import { Fragment } from "react";
import { Link } from "@/components/ui/link";
import { LocalTime } from "./local-time";

/**
 * One event as the table shows it, already in the viewer's words (components/events/event-table.tsx).
 * A tuple rather than an object: 50 rows of it ride in the page's RSC payload, where every key
 * name would be repeated once per row.
 */
export type EventRow = [
  id: number,
  /** Epoch milliseconds. */
  at: number,
  actor: string,
  action: string,
  /** null: the event has no target; tokenId: a token that still exists, so its name links to it. */
  target: [label: string, tokenId: string | null] | null,
  sourceIp: string | null,
  details: string[],
];

// A dash for "none", the same in every language.
const NONE = "—";

/**
 * The rows of the events table, rendered from plain values: as a server component each row sent
 * its whole element tree in the page's RSC payload beside the HTML. The cells carry no classes:
 * .event-rows in app/globals.css styles each column once.
 */
export function EventRows({ rows, showTarget, separator }: { rows: EventRow[]; showTarget: boolean; separator: string }) {
  return (
    <tbody className="event-rows divide-y divide-slate-200 dark:divide-slate-800">
      {rows.map(([id, at, actor, action, target, sourceIp, details]) => (
        <tr key={id}>
          <td>
            <LocalTime iso={new Date(at).toISOString()} />
          </td>
          <td>{actor}</td>
          <td>{action}</td>
          {showTarget && (
            <td>
              {!target ? <span className="text-slate-500">{NONE}</span> : target[1] ? <Link href={`/api-management/${encodeURIComponent(target[1])}`}>{target[0]}</Link> : target[0]}
            </td>
          )}
          <td>{sourceIp ?? NONE}</td>
          <td>
            {details.length === 0
              ? NONE
              : details.map((line, i) => (
                  <Fragment key={i}>
                    {i > 0 && <span>{separator}</span>}
                    {line}
                  </Fragment>
                ))}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
