"use client";

import { useState, type ComponentType } from "react";
import { useTranslations } from "next-intl";
import { CalendarDays } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { DatePickerPopoverProps, DatePickerProps } from "./date-picker-popover";

// Radix's popover (about 20 KB gzip with its positioning code) is fetched, like the calendar,
// when a picker is first pointed at, focused or pressed, not with the page.
const loadPicker = () => import("./date-picker-popover");

/**
 * "Choose date": a calendar in a popover, limited to min..max, that closes on a pick. The one
 * date picker of the console (token expiry, Event history's From and To). `field` names the
 * field it fills when a page has several, so each button has its own name. Until the popover's
 * code is here this is the same button, with the same name, that opens it once it arrives.
 */
export function DatePicker(props: DatePickerProps) {
  const t = useTranslations("datePicker");
  const [Picker, setPicker] = useState<ComponentType<DatePickerPopoverProps> | null>(null);
  const [asked, setAsked] = useState({ open: false, focus: false });

  function load() {
    void loadPicker().then((m) => setPicker(() => m.DatePickerPopover));
  }

  if (Picker) return <Picker {...props} defaultOpen={asked.open} autoFocus={asked.focus} />;
  const name = props.field ? t("chooseDateFor", { field: props.field }) : t("chooseDate");
  return (
    <Button
      variant="secondary"
      title={props.iconOnly ? name : undefined}
      aria-haspopup="dialog"
      aria-expanded={false}
      onPointerEnter={load}
      onFocus={() => {
        setAsked((a) => ({ ...a, focus: true }));
        load();
      }}
      onBlur={() => setAsked((a) => ({ ...a, focus: false }))}
      onClick={() => {
        setAsked((a) => ({ ...a, open: true }));
        load();
      }}
    >
      <CalendarDays className="size-4" aria-hidden />
      <span className={props.iconOnly ? "sr-only" : undefined}>{name}</span>
    </Button>
  );
}
