"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/hooks/use-message-text";
import { cn } from "@/components/ui/cn";
import { INVALID_IP_LABEL, parseEntry } from "@/lib/domain/ip-allowlist";
import type { ChipEdit } from "./use-ip-allowlist";

/**
 * One entry of the allow-list: a button named exactly as the address (activating it edits the
 * entry inline), the "Invalid IP address" mark when it doesn't parse, and "Remove <address>".
 */
interface IpChipProps {
  entry: string;
  index: number;
  idPrefix: string;
  editing: ChipEdit | null;
  setEditing: (next: ChipEdit | null) => void;
  commitEdit: () => void;
  remove: (index: number) => void;
  register: (el: HTMLButtonElement | null) => void;
  focusChip: () => void;
  focusInput: () => void;
}

export function IpChip({ register, remove, idPrefix, ...editor }: IpChipProps) {
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  const { entry, index, editing, setEditing } = editor;
  const parsed = parseEntry(entry);
  // The entry's message lives once, in the list under the chips (InvalidEntries).
  const invalidId = `${idPrefix}-invalid-${index}`;
  return (
    <li
      className={cn(
        "flex items-center gap-1 rounded-full border py-0.5 pl-1 pr-1 text-sm",
        parsed.ok ? "border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-800" : "border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950",
      )}
    >
      {editing?.index === index ? (
        <ChipEditor {...editor} text={editing.text} />
      ) : (
        <button
          type="button"
          ref={register}
          title={t("editChip")}
          aria-describedby={parsed.ok ? undefined : invalidId}
          onClick={() => setEditing({ index, text: entry })}
          className="rounded-full px-2 py-0.5 font-mono hover:bg-slate-200 dark:hover:bg-slate-700"
        >
          {entry}
        </button>
      )}
      {!parsed.ok && (
        <span className="text-xs font-medium text-red-700 dark:text-red-300">
          {text(INVALID_IP_LABEL)}
        </span>
      )}
      <button
        type="button"
        aria-label={t("remove", { entry })}
        onClick={() => remove(index)}
        className="rounded-full p-1 text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </li>
  );
}

/** The inline editor: Enter, Tab or clicking away commits and re-validates; Escape cancels. */
function ChipEditor({ entry, index, text, setEditing, commitEdit, focusChip, focusInput }: Omit<IpChipProps, "register" | "remove" | "idPrefix"> & { text: string }) {
  const t = useTranslations("tokens.ipList");
  return (
    <input
      autoFocus
      aria-label={t("editEntry", { entry })}
      value={text}
      spellCheck={false}
      onChange={(e) => setEditing({ index, text: e.target.value })}
      onBlur={commitEdit}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commitEdit();
          requestAnimationFrame(focusInput);
        } else if (e.key === "Escape") {
          // Escape must not also close a surrounding dialog.
          e.preventDefault();
          e.stopPropagation();
          setEditing(null);
          requestAnimationFrame(focusChip);
        }
      }}
      className="w-52 rounded-full border border-slate-400 bg-white px-2 py-0.5 font-mono text-sm dark:bg-slate-900"
    />
  );
}
