"use client";

import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { useMessageText } from "@/components/hooks/use-message-text";
import { openRangeMessage } from "@/lib/domain/ip-allowlist";

/** The first three invalid entries, each with the reason it was refused. */
export function InvalidEntries({ invalid }: { invalid: { entry: string; message: string }[] }) {
  const text = useMessageText();
  if (invalid.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-red-700 dark:text-red-400">
      {invalid.slice(0, 3).map(({ entry, message }) => (
        <li key={entry}>
          <span className="font-mono">{entry}</span>: {text(message)}
        </li>
      ))}
    </ul>
  );
}

/** The explicit consent a 0.0.0.0/0 or ::/0 entry needs; part of the form's state, so a checkbox. */
export function OpenRangeConsent({ id, range, checked, onChange }: { id: string; range: string; checked: boolean; onChange: (confirmed: boolean) => void }) {
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  return (
    <div className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
      <p>{text(openRangeMessage(range))}</p>
      <div className="flex items-center gap-2">
        <Checkbox id={id} checked={checked} onCheckedChange={(c) => onChange(c === true)} />
        <label htmlFor={id} className="font-medium">
          {t("allowEvery")}
        </label>
      </div>
    </div>
  );
}
