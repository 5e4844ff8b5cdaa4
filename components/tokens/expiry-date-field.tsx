"use client";

/**
 * The expiration date of a token: a YYYY-MM-DD text input labelled "Expiration date", a
 * "Choose date" calendar popover (react-day-picker) and preset buttons (30/60/90/180 days,
 * 1 year).
 *
 * Props: value/onChange carry the calendar date string. Bounds come from `min`/`max` when
 * given (e.g. "Extend expiration"), otherwise from `timeZone` (the user's zone; default the
 * browser's): tomorrow .. one year from today. Presets count from today in that zone; a preset
 * outside the bounds is disabled.
 *
 * No day shift: the value is only ever a date string. The calendar speaks Date, so dates go in
 * at LOCAL noon (isoToLocalDate) and come out by their local calendar day (localDateToIso).
 */
import { useId, useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FieldFrame, framedControlProps, inputClass } from "@/components/ui/field";
import { DatePicker } from "@/components/ui/date-picker";
import {
  EXPIRY_PRESETS,
  expiryBounds,
  isoToLocalDate,
  isValidTimeZone,
  localDateToIso,
  parseIsoDate,
  presetDate,
  validateDateInRange,
} from "@/lib/domain/expiry";
import { formatCalendarDate } from "@/lib/i18n/format";

export interface ExpiryDateFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Earliest selectable date; default tomorrow in timeZone. */
  min?: string;
  /** Latest selectable date; default one year from today in timeZone. */
  max?: string;
  /** The user's IANA zone, for "today"; default the browser's. */
  timeZone?: string;
  error?: string;
  label?: string;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function ExpiryDateField({ value, onChange, min, max, timeZone, error, label }: ExpiryDateFieldProps) {
  const t = useTranslations("tokens.expiry");
  const locale = useLocale();
  const id = useId();
  const [touched, setTouched] = useState(false);

  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : browserTimeZone();
  // Recomputed when the zone changes; "today" only moves at midnight, rare during one form.
  const bounds = useMemo(() => expiryBounds(zone), [zone]);
  const lo = min ?? bounds.min;
  const hi = max ?? bounds.max;

  const localError = touched && !error ? validateDateInRange(value, lo, hi) : null;
  const shownError = error ?? localError ?? undefined;
  const valid = parseIsoDate(value) !== null;
  const selected = valid ? isoToLocalDate(value) : undefined;
  const minDate = isoToLocalDate(lo);
  const maxDate = isoToLocalDate(hi);

  return (
    <FieldFrame id={id} label={label ?? t("label")} error={shownError}>
      <div className="flex flex-wrap items-center gap-2">
        <input
          {...framedControlProps(id, shownError)}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          maxLength={10}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          onBlur={() => setTouched(true)}
          className={`${inputClass} w-40`}
        />
        <DatePicker
          selected={selected}
          min={minDate}
          max={maxDate}
          today={isoToLocalDate(bounds.today)}
          onSelect={(day) => {
            onChange(localDateToIso(day));
            setTouched(true);
          }}
        />
      </div>
      <div role="group" aria-label={t("presets")} className="flex flex-wrap gap-2">
        {EXPIRY_PRESETS.map((p) => {
          const date = presetDate(p.key, zone);
          const outside = date < lo || date > hi;
          return (
            <Button
              key={p.key}
              size="sm"
              variant="secondary"
              disabled={outside}
              aria-pressed={value === date}
              title={outside ? undefined : date}
              onClick={() => {
                onChange(date);
                setTouched(true);
              }}
              className="aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-800 dark:aria-pressed:bg-slate-800 dark:aria-pressed:text-slate-100"
            >
              {p.days === null ? t("presetYear") : t("presetDays", { days: p.days })}
            </Button>
          );
        })}
      </div>
      <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
        {valid ? t("worksUntil", { date: formatCalendarDate(value, locale) }) : t("worksUntilChosen")}
      </p>
    </FieldFrame>
  );
}
