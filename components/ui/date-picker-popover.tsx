"use client";

import { useEffect, useRef, useState, type ComponentType } from "react";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { CalendarDays } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { CalendarProps } from "./calendar";

// The calendar (react-day-picker, date-fns) is fetched when a picker is first pointed at, focused
// or opened, not with the page. The popover opens once it is here, so the calendar has the focus
// (and the arrow keys) from the moment it shows.
let Calendar: ComponentType<CalendarProps> | null = null;
const loadCalendar = () =>
  import("./calendar").then((m) => {
    Calendar = m.default;
  });

export interface DatePickerProps {
  selected?: Date;
  min?: Date;
  max?: Date;
  today?: Date;
  field?: string;
  /** Only the calendar icon shows (its name stays for screen readers and as a tooltip), for narrow filter rows. */
  iconOnly?: boolean;
  onSelect: (day: Date) => void;
}

export interface DatePickerPopoverProps extends DatePickerProps {
  /** Opens at once: it was asked for before this module arrived (./date-picker.tsx). */
  defaultOpen?: boolean;
  /** Takes the focus at once: it replaces a button that had it. */
  autoFocus?: boolean;
}

/** The picker behind ./date-picker.tsx's button, once that is pointed at, focused or pressed. */
export function DatePickerPopover({ selected, min, max, today, field, iconOnly = false, onSelect, defaultOpen = false, autoFocus = false }: DatePickerPopoverProps) {
  const t = useTranslations("datePicker");
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const name = field ? t("chooseDateFor", { field }) : t("chooseDate");

  useEffect(() => {
    if (autoFocus) trigger.current?.focus();
    if (defaultOpen) void loadCalendar().then(() => setOpen(true));
  }, [autoFocus, defaultOpen]);

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        if (!next || Calendar) setOpen(next);
        else void loadCalendar().then(() => setOpen(true));
      }}
    >
      <Popover.Trigger asChild ref={trigger}>
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
          {Calendar && (
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
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
