"use client";

import { useSyncExternalStore } from "react";
import { useLocale } from "next-intl";
import { formatDateTime } from "@/lib/i18n/format";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The viewer's IANA time zone; "UTC" during server rendering so hydration matches. */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(noSubscribe, browserZone, () => "UTC");
}

/** A time in the viewer's zone, with the UTC time on hover (title) for cross-checking logs. */
export function LocalTime({ iso }: { iso: string }) {
  const tz = useViewerTimeZone();
  const locale = useLocale();
  const utc = `${iso.slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={utc} className="whitespace-nowrap">
      {formatDateTime(iso, locale, tz)}
    </time>
  );
}

/** A hidden form field carrying the viewer's zone, so date filters mean the viewer's days. */
export function TimeZoneInput() {
  const tz = useViewerTimeZone();
  return <input type="hidden" name="tz" value={tz} />;
}
