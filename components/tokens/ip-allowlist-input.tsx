"use client";

/**
 * The "Allowed IP addresses" editor used by token creation and "Edit allowed IPs".
 *
 * API:
 *   value / onChange        the chips: valid entries in display form ("10.0.0.5", "10.0.0.0/24"),
 *                           invalid ones exactly as typed, so nothing the user wrote is lost.
 *                           Send this list as `allowedIps`; the zod schema normalises it again.
 *   confirmOpenRange / onConfirmOpenRangeChange
 *                           the explicit consent for 0.0.0.0/0 or ::/0, a checkbox
 *                           "Allow every address" shown only while such a range is present (a
 *                           checkbox rather than a dialog: it is part of the form's state and the
 *                           schema requires it). It is reset to false when the range goes away.
 *   error                   a field error from the form/server, shown under the control.
 *
 * Behaviour: type or paste (spaces, commas, semicolons or new lines separate entries) into the
 * text box labelled "Allowed IP addresses", then Enter or "Add" (Shift+Enter inserts a new line).
 * Each chip is a button whose accessible name is exactly the address: activating it edits the
 * entry inline; Enter, Tab or clicking away commits and re-validates, Escape cancels. Each chip
 * has a "Remove <address>" button. Invalid chips are marked "Invalid IP address" and described by
 * their one message (naming the entry and what is wrong) in the list under the chips. Duplicates,
 * host-bit normalisation and the 100-entry cap are announced in a polite live region.
 */
import { useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/hooks/use-message-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldFrame, framedControlProps, inputClass } from "@/components/ui/field";
import { findOpenRange, invalidEntries, MAX_ALLOWED_IPS, NO_RESTRICTION_TEXT } from "@/lib/domain/ip-allowlist";
import { InvalidEntries, OpenRangeConsent } from "./ip-allowlist-notes";
import { IpChip } from "./ip-chip";
import { useIpAllowlist } from "./use-ip-allowlist";

export interface IpAllowlistInputProps {
  value: string[];
  onChange: (next: string[]) => void;
  confirmOpenRange: boolean;
  onConfirmOpenRangeChange: (confirmed: boolean) => void;
  error?: string;
  label?: string;
}

export function IpAllowlistInput(props: IpAllowlistInputProps) {
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  const { value, confirmOpenRange, onConfirmOpenRangeChange, error, label = t("label") } = props;
  const id = useId();
  const chips = useRef<(HTMLButtonElement | null)[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useIpAllowlist(props, { chips, input });
  const openRange = findOpenRange(value);
  const invalid = invalidEntries(value);
  return (
    <FieldFrame id={id} label={label} error={error}>
      <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
        {t("help", { max: MAX_ALLOWED_IPS })}
      </p>
      <div className="flex items-start gap-2">
        <textarea
          ref={input}
          {...framedControlProps(id, error)}
          rows={1}
          value={list.draft}
          spellCheck={false}
          autoComplete="off"
          // eslint-disable-next-line i18next/no-literal-string -- example addresses, the same in every language
          placeholder="203.0.113.7, 2001:db8::/32"
          onChange={(e) => list.setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              list.add();
            }
          }}
          className={cn(inputClass, "min-h-10 resize-y font-mono")}
        />
        <Button variant="secondary" onClick={list.add}>
          {t("add")}
        </Button>
      </div>

      {value.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{text(NO_RESTRICTION_TEXT)}</p>
      ) : (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {invalid.length > 0 ? t("countWithInvalid", { count: value.length, max: MAX_ALLOWED_IPS, invalid: invalid.length }) : t("count", { count: value.length, max: MAX_ALLOWED_IPS })}
          </p>
          <ul aria-label={t("addedEntries")} className="flex flex-wrap gap-2">
            {value.map((entry, index) => (
              <IpChip
                // By position, not by address: an edited chip stays the same element, so the
                // focus that Tab moved to its Remove button stays there.
                key={index}
                entry={entry}
                index={index}
                idPrefix={id}
                editing={list.editing}
                setEditing={list.setEditing}
                commitEdit={list.commitEdit}
                remove={list.remove}
                register={(el) => {
                  chips.current[index] = el;
                }}
                focusChip={() => chips.current[index]?.focus()}
                focusInput={() => input.current?.focus()}
              />
            ))}
          </ul>
          <InvalidEntries idPrefix={id} invalid={invalid} />
        </>
      )}

      {openRange && <OpenRangeConsent id={`${id}-open`} range={openRange} checked={confirmOpenRange} onChange={onConfirmOpenRangeChange} />}

      {list.limitMessage && <p className="text-sm font-medium text-red-700 dark:text-red-400">{list.limitMessage}</p>}
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {list.notice}
      </p>
    </FieldFrame>
  );
}
