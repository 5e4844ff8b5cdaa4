"use client";

import { useRef } from "react";
import { Dialog as D } from "radix-ui";
import { useTranslations } from "next-intl";
import { X } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";
import { FormError } from "./field";

export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

/** A modal on radix Dialog: focus is trapped inside and Escape closes it (unless prevented). */
export function DialogContent({
  title,
  description,
  children,
  className,
  onEscapeKeyDown,
  onPointerDownOutside,
  onCloseClick,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  onEscapeKeyDown?: (e: KeyboardEvent) => void;
  onPointerDownOutside?: (e: Event) => void;
  /** Intercepts the X button; call preventDefault on the event to keep the dialog open. */
  onCloseClick?: (e: React.MouseEvent) => void;
}) {
  const t = useTranslations("ui");
  // Radix returns focus to the dialog's trigger; a dialog opened from code (a confirmation
  // asked by another dialog's button) has none, and focus would drop to the page. Focus goes
  // back to whatever had it when the dialog opened, if that is still on the page.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
      <D.Content
        onOpenAutoFocus={() => {
          opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
        }}
        onCloseAutoFocus={(e) => {
          if (!opener.current?.isConnected) return;
          e.preventDefault();
          opener.current.focus();
        }}
        onEscapeKeyDown={onEscapeKeyDown}
        onPointerDownOutside={onPointerDownOutside}
        className={cn(
          "fixed left-1/2 top-1/2 z-50 max-h-[90dvh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900",
          className,
        )}
      >
        <D.Title className="pr-8 text-lg font-semibold">{title}</D.Title>
        {description ? (
          <D.Description className="mt-1 text-sm text-slate-600 dark:text-slate-300">{description}</D.Description>
        ) : (
          <D.Description className="sr-only">{title}</D.Description>
        )}
        <div className="mt-4">{children}</div>
        <D.Close
          aria-label={t("closeDialog")}
          onClick={onCloseClick}
          className="absolute right-3 top-3 rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          <X className="size-5" aria-hidden />
        </D.Close>
      </D.Content>
    </D.Portal>
  );
}

/** A yes/no confirmation built on DialogContent. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  destructive,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  pending?: boolean;
  /** Why the last attempt failed, announced inside the dialog. */
  error?: string | null;
  onConfirm: () => void;
}) {
  const t = useTranslations();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description}>
        {error && <FormError message={error} className="mb-4" />}
        <div className="flex flex-wrap justify-end gap-2">
          <DialogClose asChild>
            <button type="button" className="h-10 whitespace-nowrap rounded-md border border-slate-300 px-4 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
              {cancelLabel ?? t("common.cancel")}
            </button>
          </DialogClose>
          <button
            type="button"
            disabled={pending}
            onClick={onConfirm}
            className={cn(
              "h-10 whitespace-nowrap rounded-md px-4 text-sm font-medium text-white disabled:opacity-60",
              destructive ? "bg-red-700 hover:bg-red-800" : "bg-brand-600 hover:bg-brand-700",
            )}
          >
            {pending ? t("ui.working") : confirmLabel}
          </button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** The Cancel / submit pair at the foot of a form inside a dialog. */
export function DialogFormActions({ submitLabel, pendingLabel, pending }: { submitLabel: string; pendingLabel: string; pending: boolean }) {
  const t = useTranslations("common");
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <DialogClose asChild>
        <Button variant="secondary">{t("cancel")}</Button>
      </DialogClose>
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </div>
  );
}
