"use client";

// react-day-picker's stylesheet is imported here so every page using the calendar gets it.
import "react-day-picker/style.css";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { DayPicker, type Modifiers } from "react-day-picker";
import { enUS, ja } from "react-day-picker/locale";
import { CalendarDays } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/lib/domain/locale";

// Month and weekday names, navigation labels and the first day of the week in the viewer's language.
const CALENDAR_LOCALES = { en: enUS, ja } as const;
const INTL_LOCALES: Record<Locale, string> = { en: "en-US", ja: "ja-JP" };

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
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const name = field ? t("chooseDateFor", { field }) : t("chooseDate");

  // Starts with the visible day number, so the accessible name contains the visible text
  // (WCAG 2.5.3; react-day-picker's default "Friday, January 1st, 2027" fails axe).
  function dayLabel(date: Date, modifiers: Modifiers): string {
    return t("dayLabel", {
      day: date.getDate(),
      monthYear: date.toLocaleDateString(INTL_LOCALES[locale], { month: "long", year: "numeric" }),
      weekday: date.toLocaleDateString(INTL_LOCALES[locale], { weekday: "long" }),
      today: modifiers.today ? "yes" : "no",
      selected: modifiers.selected ? "yes" : "no",
    });
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="secondary" title={iconOnly ? name : undefined}>
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
          <DayPicker
            // Brand accent colours that keep their contrast in the dark theme (app/globals.css).
            className="keyward-calendar"
            mode="single"
            locale={CALENDAR_LOCALES[locale]}
            // Picking the already-selected day keeps it (and closes) instead of clearing it.
            required
            autoFocus
            selected={selected}
            defaultMonth={selected ?? min}
            startMonth={min}
            endMonth={max}
            today={today}
            labels={{ labelDayButton: dayLabel }}
            disabled={[...(min ? [{ before: min }] : []), ...(max ? [{ after: max }] : [])]}
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
