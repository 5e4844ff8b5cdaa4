"use client";

import { useId } from "react";
import { useMessageText } from "@/components/hooks/use-message-text";
import { cn } from "./cn";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 aria-[invalid=true]:border-red-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400";

/**
 * A labelled form control with its description and error wired by id, so the label is the
 * accessible name and the error is announced with the control.
 */
export function Field({
  label,
  description,
  error,
  children,
  className,
}: {
  label: string;
  description?: React.ReactNode;
  error?: string;
  className?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => React.ReactNode;
}) {
  const id = useId();
  const descId = description ? `${id}-desc` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [descId, errId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {description && (
        <p id={descId} className="text-xs text-slate-600 dark:text-slate-400">
          {description}
        </p>
      )}
      <FieldError id={errId} message={error} />
    </div>
  );
}

/**
 * A field whose control is one part among several (a calendar, presets, a list of entries): the
 * label, the parts, then the error line `${id}-err`. The control spreads `framedControlProps`, and
 * the field's help line has the id `${id}-help`.
 */
export function FieldFrame({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

/** The control's side of a FieldFrame: described by the help line, and by the error while there is one. */
export function framedControlProps(id: string, error?: string) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-help ${id}-err` : `${id}-help` };
}

/** A control's error line; the control names it in aria-describedby. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  const text = useMessageText();
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {text(message)}
    </p>
  );
}

export function FormError({ message, className }: { message?: string | null; className?: string }) {
  const text = useMessageText();
  if (!message) return null;
  return (
    <div role="alert" className={cn(className, "rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200")}>
      {text(message)}
    </div>
  );
}
