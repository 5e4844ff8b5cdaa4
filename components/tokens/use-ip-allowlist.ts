"use client";

import { useRef, useState, type RefObject } from "react";
import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/hooks/use-message-text";
import { addEntries, describeAddResult, editEntry, findOpenRange, tooManyMessage, type AddResult } from "@/lib/domain/ip-allowlist";

export type ChipEdit = { index: number; text: string };

/**
 * The chip editor's state and its four moves (add from the text box, edit a chip, remove one,
 * drop the open-range consent when no open range is left), with what to announce after each.
 */
export function useIpAllowlist(
  props: {
    value: string[];
    onChange: (next: string[]) => void;
    confirmOpenRange: boolean;
    onConfirmOpenRangeChange: (confirmed: boolean) => void;
  },
  focusTargets: { chips: RefObject<(HTMLButtonElement | null)[]>; input: RefObject<HTMLTextAreaElement | null> },
) {
  const { value, onChange, confirmOpenRange, onConfirmOpenRangeChange } = props;
  const t = useTranslations("tokens.ipList");
  const text = useMessageText();
  const [draft, setDraft] = useState("");
  const [notice, setNotice] = useState("");
  const [limitMessage, setLimitMessage] = useState("");
  const [editing, setEditingState] = useState<ChipEdit | null>(null);
  // Mirrors `editing` so a blur that fires while the editor unmounts (after Enter or Escape)
  // sees the edit already finished instead of a stale copy, and doesn't commit twice.
  const editingRef = useRef<ChipEdit | null>(null);
  const setEditing = (next: ChipEdit | null) => {
    editingRef.current = next;
    setEditingState(next);
  };

  function change(next: string[]) {
    onChange(next);
    if (confirmOpenRange && !findOpenRange(next)) onConfirmOpenRangeChange(false);
  }

  function apply(result: AddResult) {
    const limit = result.overLimit > 0 ? text(tooManyMessage(result.overLimit)) : "";
    change(result.entries);
    setNotice([...describeAddResult(result).map(text), limit].filter(Boolean).join(" "));
    setLimitMessage(limit);
  }

  function add() {
    if (!draft.trim()) return;
    apply(addEntries(value, draft));
    setDraft("");
  }

  function commitEdit() {
    const current = editingRef.current;
    if (!current) return;
    setEditing(null);
    if (current.text !== value[current.index]) apply(editEntry(value, current.index, current.text));
  }

  function remove(index: number) {
    const next = value.filter((_, i) => i !== index);
    change(next);
    setNotice(t("removed", { entry: value[index] }));
    setLimitMessage("");
    // Keep keyboard users in the list: focus the chip that took its place, or the text box.
    requestAnimationFrame(() => (focusTargets.chips.current[Math.min(index, next.length - 1)] ?? focusTargets.input.current)?.focus());
  }

  return { draft, setDraft, notice, limitMessage, editing, setEditing, add, commitEdit, remove };
}
