"use client";

// react-day-picker's stylesheet is imported here so every page using the calendar gets it.
import "react-day-picker/style.css";
import { useState } from "react";
import { Popover } from "radix-ui";
import { DayPicker, type Modifiers } from "react-day-picker";
import { CalendarDays } from "lucide-react";
import { Button } from "@/components/ui/button";

// Starts with the visible day number, so the accessible name contains the visible text
// (WCAG 2.5.3; react-day-picker's default "Friday, January 1st, 2027" fails axe).
function dayLabel(date: Date, modifiers: Modifiers): string {
  const monthYear = date.toLocaleDateString("en-US", { month: "long", year: "numeric" });
  const weekday = date.toLocaleDateString("en-US", { weekday: "long" });
  return `${date.getDate()} ${monthYear}, ${weekday}${modifiers.today ? ", today" : ""}${modifiers.selected ? ", selected" : ""}`;
}

/** "Choose date": a calendar in a popover, limited to min..max, that closes on a pick. */
export function ExpiryCalendar({ selected, min, max, today, onSelect }: { selected?: Date; min?: Date; max?: Date; today?: Date; onSelect: (day: Date) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="secondary">
          <CalendarDays className="size-4" aria-hidden />
          Choose date
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label="Calendar"
          align="start"
          sideOffset={6}
          className="z-50 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DayPicker
            mode="single"
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
