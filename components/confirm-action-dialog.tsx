"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { CallResult } from "@/components/hooks/call-server-action";

interface ConfirmActionDialogProps<T> {
  target: T | null;
  onClose: () => void;
  title: (target: T) => string;
  description: string;
  confirmLabel: string;
  /** The dismissing button's label when "Cancel" would read as the action itself (Cancel campaign). */
  cancelLabel?: string;
  pending: boolean;
  onConfirm: (target: T) => Promise<CallResult<unknown>>;
}

/**
 * A destructive confirmation about one thing (a user, a role, a token). It closes once the
 * server has answered (a refusal is shown by the page); when the request got no answer it
 * stays open and says so inside, so trying again is one click.
 */
export function ConfirmActionDialog<T>({
  target,
  onClose,
  title,
  description,
  confirmLabel,
  cancelLabel,
  pending,
  onConfirm,
}: ConfirmActionDialogProps<T>) {
  const [unreachable, setUnreachable] = useState<string | null>(null);
  function close() {
    setUnreachable(null);
    onClose();
  }
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => !open && close()}
      title={target === null ? confirmLabel : title(target)}
      description={description}
      confirmLabel={confirmLabel}
      cancelLabel={cancelLabel}
      destructive
      pending={pending}
      error={unreachable}
      onConfirm={async () => {
        if (target === null) return;
        setUnreachable(null);
        const result = await onConfirm(target);
        if ("unreachable" in result) setUnreachable(result.error);
        else close();
      }}
    />
  );
}

/**
 * A table's "Delete" row action: `button(row)` goes in the row (its accessible name names the row's
 * item, e.g. "Delete Alice") and opens the confirmation; `dialog` is that confirmation, rendered once
 * after the table. Opening it clears the table's previous error.
 */
export function useRowDelete<T extends { name: string }>({
  pending,
  clearError,
  ...dialog
}: Omit<ConfirmActionDialogProps<T>, "target" | "onClose"> & { clearError: () => void }) {
  const [target, setTarget] = useState<T | null>(null);
  const t = useTranslations();
  return {
    /** `blocked` disables it, naming the element that says why (it must be visible beside it). */
    button: (row: T, blocked?: { reasonId: string }) => (
      <Button
        size="sm"
        variant="danger"
        disabled={pending || Boolean(blocked)}
        aria-label={t("ui.deleteItem", { name: row.name })}
        aria-describedby={blocked?.reasonId}
        onClick={() => (clearError(), setTarget(row))}
      >
        {t("common.delete")}
      </Button>
    ),
    dialog: <ConfirmActionDialog target={target} onClose={() => setTarget(null)} pending={pending} {...dialog} />,
  };
}
