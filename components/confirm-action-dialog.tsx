"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { CallResult } from "@/components/hooks/call-server-action";

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
