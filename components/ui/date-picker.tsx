"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { CalendarDays } from "lucide-react";
import { Button } from "@/components/ui/button";

// The calendar (react-day-picker, date-fns) is fetched when a picker is first pointed at, focused
// or opened, not with the page; until it arrives the popover keeps the calendar's room.
const loadCalendar = () => import("./calendar");
const Calendar = dynamic(loadCalendar, { ssr: false, loading: () => <div className="size-72" /> });

/**
 * "Choose date": a calendar in a popover, limited to min..max, that closes on a pick. The one
 * date picker of the console (token expiry, Event history's From and To). `field` names the
 * field it fills when a page has several, so each button has its own name.
 */
export function DatePicker({
  selected,
  min,
  max,
  today,
  field,
  iconOnly = false,
  onSelect,
}: {
  selected?: Date;
  min?: Date;
  max?: Date;
  today?: Date;
  field?: string;
  /** Only the calendar icon shows (its name stays for screen readers and as a tooltip), for narrow filter rows. */
  iconOnly?: boolean;
  onSelect: (day: Date) => void;
}) {
  const t = useTranslations("datePicker");
  const [open, setOpen] = useState(false);
  const name = field ? t("chooseDateFor", { field }) : t("chooseDate");

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="secondary" title={iconOnly ? name : undefined} onPointerEnter={() => void loadCalendar()} onFocus={() => void loadCalendar()}>
          <CalendarDays className="size-4" aria-hidden />
          <span className={iconOnly ? "sr-only" : undefined}>{name}</span>
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={field ? t("calendarFor", { field }) : t("calendar")}
          align="start"
          sideOffset={6}
          className="z-50 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <Calendar
            selected={selected}
            min={min}
            max={max}
            today={today}
            onSelect={(day: Date) => {
              onSelect(day);
              setOpen(false);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
