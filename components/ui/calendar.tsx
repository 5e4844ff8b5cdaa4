"use client";

// react-day-picker and its stylesheet load with this module, only when a date picker opens
// (components/ui/date-picker.tsx): together with date-fns they weigh about 26 KB gzip, which
// every page with a date field paid for before anyone opened a calendar.
import "react-day-picker/style.css";
import { useLocale, useTranslations } from "next-intl";
import { DayPicker, type Modifiers } from "react-day-picker";
import { enUS, ja } from "react-day-picker/locale";
import type { Locale } from "@/lib/domain/locale";

// Month and weekday names, navigation labels and the first day of the week in the viewer's language.
const CALENDAR_LOCALES = { en: enUS, ja } as const;
const INTL_LOCALES: Record<Locale, string> = { en: "en-US", ja: "ja-JP" };

export interface CalendarProps {
  selected?: Date;
  min?: Date;
  max?: Date;
  today?: Date;
  onSelect: (day: Date) => void;
}

/** The month grid inside the date picker's popover, limited to min..max. */
export default function Calendar({ selected, min, max, today, onSelect }: CalendarProps) {
  const t = useTranslations("datePicker");
  const locale = useLocale();

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
      onSelect={onSelect}
    />
  );
}
