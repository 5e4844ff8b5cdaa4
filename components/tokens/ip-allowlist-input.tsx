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
 * has a "Remove <address>" button. Invalid chips are marked "Invalid IP address". Duplicates,
 * host-bit normalisation and the 100-entry cap are announced in a polite live region.
 */
import { useId, useRef, useState } from "react";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import {
  addEntries,
  describeAddResult,
  editEntry,
  findOpenRange,
  INVALID_IP_LABEL,
  MAX_ALLOWED_IPS,
  NO_RESTRICTION_TEXT,
  openRangeMessage,
  parseEntry,
  tooManyMessage,
  type AddResult,
} from "@/lib/domain/ip-allowlist";

export interface IpAllowlistInputProps {
  value: string[];
  onChange: (next: string[]) => void;
  confirmOpenRange: boolean;
  onConfirmOpenRangeChange: (confirmed: boolean) => void;
  error?: string;
  label?: string;
}

export function IpAllowlistInput({
  value,
  onChange,
  confirmOpenRange,
  onConfirmOpenRangeChange,
  error,
  label = "Allowed IP addresses",
}: IpAllowlistInputProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [notice, setNotice] = useState("");
  const [limitMessage, setLimitMessage] = useState("");
  const [editing, setEditingState] = useState<{ index: number; text: string } | null>(null);
  // Mirrors `editing` so a blur that fires while the editor unmounts (after Enter or Escape)
  // sees the edit already finished instead of a stale copy, and doesn't commit twice.
  const editingRef = useRef<{ index: number; text: string } | null>(null);
  const setEditing = (next: { index: number; text: string } | null) => {
    editingRef.current = next;
    setEditingState(next);
  };
  const chipRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const openRange = findOpenRange(value);
  const invalid = value.flatMap((entry) => {
    const p = parseEntry(entry);
    return p.ok ? [] : [{ entry, message: p.message }];
  });
  const invalidCount = invalid.length;

  function apply(result: AddResult) {
    const limit = result.overLimit > 0 ? tooManyMessage(result.overLimit) : "";
    onChange(result.entries);
    setNotice([describeAddResult(result), limit].filter(Boolean).join(" "));
    setLimitMessage(limit);
    if (confirmOpenRange && !findOpenRange(result.entries)) onConfirmOpenRangeChange(false);
  }

  function add() {
    if (!draft.trim()) return;
    apply(addEntries(value, draft));
    setDraft("");
  }

  function commitEdit() {
    const current = editingRef.current;
    if (!current) return;
    const { index, text } = current;
    setEditing(null);
    if (text === value[index]) return;
    apply(editEntry(value, index, text));
  }

  function remove(index: number) {
    const entry = value[index];
    const next = value.filter((_, i) => i !== index);
    onChange(next);
    setNotice(`${entry} removed.`);
    setLimitMessage("");
    if (confirmOpenRange && !findOpenRange(next)) onConfirmOpenRangeChange(false);
    // Keep keyboard users in the list: focus the chip that took its place, or the text box.
    requestAnimationFrame(() => (chipRefs.current[Math.min(index, next.length - 1)] ?? inputRef.current)?.focus());
  }

  const helpId = `${id}-help`;
  const errId = `${id}-err`;

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <p id={helpId} className="text-xs text-slate-600 dark:text-slate-400">
        IPv4 or IPv6 addresses or CIDR ranges (like 203.0.113.0/24), separated by spaces, commas, semicolons or new
        lines. Press Enter or Add. At most {MAX_ALLOWED_IPS}.
      </p>
      <div className="flex items-start gap-2">
        <textarea
          ref={inputRef}
          id={id}
          rows={1}
          value={draft}
          spellCheck={false}
          autoComplete="off"
          placeholder="203.0.113.7, 2001:db8::/32"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              add();
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${helpId} ${errId}` : helpId}
          className={cn(inputClass, "min-h-10 resize-y font-mono")}
        />
        <Button variant="secondary" onClick={add}>
          Add
        </Button>
      </div>

      {value.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{NO_RESTRICTION_TEXT}</p>
      ) : (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {value.length} of {MAX_ALLOWED_IPS} entries
            {invalidCount > 0 ? ` · ${invalidCount} invalid: fix or remove ${invalidCount === 1 ? "it" : "them"} to continue` : ""}
          </p>
          <ul aria-label="Added entries" className="flex flex-wrap gap-2">
            {value.map((entry, index) => {
              const parsed = parseEntry(entry);
              const invalidId = `${id}-invalid-${index}`;
              const isEditing = editing?.index === index;
              return (
                <li
                  key={`${index}-${entry}`}
                  className={cn(
                    "flex items-center gap-1 rounded-full border py-0.5 pl-1 pr-1 text-sm",
                    parsed.ok
                      ? "border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-800"
                      : "border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950",
                  )}
                >
                  {isEditing ? (
                    <input
                      autoFocus
                      aria-label={`Edit ${entry}`}
                      value={editing.text}
                      spellCheck={false}
                      onChange={(e) => setEditing({ index, text: e.target.value })}
                      onBlur={commitEdit}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") {
                          e.preventDefault();
                          commitEdit();
                          requestAnimationFrame(() => inputRef.current?.focus());
                        } else if (e.key === "Escape") {
                          // Escape must not also close a surrounding dialog.
                          e.preventDefault();
                          e.stopPropagation();
                          setEditing(null);
                          requestAnimationFrame(() => chipRefs.current[index]?.focus());
                        }
                      }}
                      className="w-52 rounded-full border border-slate-400 bg-white px-2 py-0.5 font-mono text-sm dark:bg-slate-900"
                    />
                  ) : (
                    <button
                      type="button"
                      ref={(el) => {
                        chipRefs.current[index] = el;
                      }}
                      title={parsed.ok ? "Edit" : parsed.message}
                      aria-describedby={parsed.ok ? undefined : invalidId}
                      onClick={() => setEditing({ index, text: entry })}
                      className="rounded-full px-2 py-0.5 font-mono hover:bg-slate-200 dark:hover:bg-slate-700"
                    >
                      {entry}
                    </button>
                  )}
                  {parsed.ok ? null : (
                    <span id={invalidId} className="text-xs font-medium text-red-700 dark:text-red-300">
                      {INVALID_IP_LABEL}
                    </span>
                  )}
                  <button
                    type="button"
                    aria-label={`Remove ${entry}`}
                    onClick={() => remove(index)}
                    className="rounded-full p-1 text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
                  >
                    <X className="size-3.5" aria-hidden />
                  </button>
                </li>
              );
            })}
          </ul>
          {invalidCount > 0 ? (
            <ul className="space-y-0.5 text-xs text-red-700 dark:text-red-400">
              {invalid.slice(0, 3).map(({ entry, message }) => (
                <li key={entry}>
                  <span className="font-mono">{entry}</span>: {message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}

      {openRange ? (
        <div className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          <p>{openRangeMessage(openRange)}</p>
          <div className="flex items-center gap-2">
            <Checkbox
              id={`${id}-open`}
              checked={confirmOpenRange}
              onCheckedChange={(c) => onConfirmOpenRangeChange(c === true)}
            />
            <label htmlFor={`${id}-open`} className="font-medium">
              Allow every address
            </label>
          </div>
        </div>
      ) : null}

      {limitMessage ? <p className="text-sm font-medium text-red-700 dark:text-red-400">{limitMessage}</p> : null}
      <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {notice}
      </p>
      {error ? (
        <p id={errId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
