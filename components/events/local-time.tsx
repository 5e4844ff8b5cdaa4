"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The viewer's IANA time zone; "UTC" during server rendering so hydration matches. */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(noSubscribe, browserZone, () => "UTC");
}

function formatIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  })
    .format(new Date(iso))
    .replace(",", "");
}

/** A time in the viewer's zone, with the UTC time on hover (title) for cross-checking logs. */
export function LocalTime({ iso }: { iso: string }) {
  const tz = useViewerTimeZone();
  const utc = `${iso.slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={utc} className="whitespace-nowrap">
      {formatIn(iso, tz)}
    </time>
  );
}

/** A hidden form field carrying the viewer's zone, so date filters mean the viewer's days. */
export function TimeZoneInput() {
  const tz = useViewerTimeZone();
  return <input type="hidden" name="tz" value={tz} />;
}
