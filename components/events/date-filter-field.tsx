"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { DatePicker } from "@/components/ui/date-picker";
import { isoToLocalDate, localDateToIso, parseIsoDate } from "@/lib/domain/expiry";

/**
 * A From/To date of the Event history filters: a YYYY-MM-DD input that the GET form submits as
 * it is (so it works before JavaScript loads), with the console's date picker beside it.
 */
export function DateFilterField({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue?: string }) {
  const [value, setValue] = useState(defaultValue ?? "");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name={name}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          maxLength={10}
          value={value}
          onChange={(e) => setValue(e.target.value.trim())}
          className={`${inputClass} min-w-0`}
        />
        <DatePicker field={label} iconOnly selected={parseIsoDate(value) ? isoToLocalDate(value) : undefined} onSelect={(day) => setValue(localDateToIso(day))} />
      </div>
    </div>
  );
}
