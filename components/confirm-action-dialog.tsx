"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import type { CallResult } from "@/components/hooks/call-server-action";

/**
 * A destructive confirmation about one thing (a user, a role, a token). It closes once the
 * server has answered, and stays open when the request got no answer, so trying again is one
 * click (the toast from useServerAction says what happened).
 */
export function ConfirmActionDialog<T>({
  target,
  onClose,
  title,
  description,
  confirmLabel,
  pending,
  onConfirm,
}: {
  target: T | null;
  onClose: () => void;
  title: (target: T) => string;
  description: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: (target: T) => Promise<CallResult<unknown>>;
}) {
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={target === null ? confirmLabel : title(target)}
      description={description}
      confirmLabel={confirmLabel}
      destructive
      pending={pending}
      onConfirm={async () => {
        if (target === null) return;
        const result = await onConfirm(target);
        if (!("unreachable" in result)) onClose();
      }}
    />
  );
}
