import Link from "next/link";
import { Table, tdClass, thClass } from "@/components/ui/page";
import type { EventDto } from "@/lib/data/events";
import { summariseDetails } from "./event-details";
import { LocalTime } from "./local-time";

function Target({ e }: { e: EventDto }) {
  if (!e.targetId) return <span className="text-slate-500">—</span>;
  const label = e.targetLabel ?? e.targetId;
  if (e.targetLinkable) {
    return (
      <Link href={`/api-management/${encodeURIComponent(e.targetId)}`} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
        {label}
      </Link>
    );
  }
  return <span>{label}</span>;
}

/** Events as a table: time (viewer's zone, UTC on hover), actor, action, target, source IP, details. */
export function EventTable({ items, caption, showTarget = true }: { items: EventDto[]; caption: string; showTarget?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col" className={thClass}>Time</th>
          <th scope="col" className={thClass}>Actor</th>
          <th scope="col" className={thClass}>Action</th>
          {showTarget && <th scope="col" className={thClass}>Target</th>}
          <th scope="col" className={thClass}>Source IP</th>
          <th scope="col" className={thClass}>Details</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {items.map((e) => {
          const details = summariseDetails(e.details);
          return (
            <tr key={e.id}>
              <td className={tdClass}>
                <LocalTime iso={e.at} />
              </td>
              <td className={`${tdClass} break-all`}>{e.actorLabel}</td>
              <td className={tdClass}>{e.actionLabel}</td>
              {showTarget && (
                <td className={`${tdClass} break-all`}>
                  <Target e={e} />
                </td>
              )}
              <td className={`${tdClass} font-mono text-xs`}>{e.sourceIp ?? "—"}</td>
              <td className={`${tdClass} max-w-sm break-words text-xs`} title={e.details ? JSON.stringify(e.details) : undefined}>
                {details || "—"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
