"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { applyFieldErrors } from "@/components/form-errors";
import { ExpiryDateField } from "@/components/tokens/expiry-date-field";
import { useViewerTimeZone } from "@/components/events/local-time";
import { addDaysIso, expiryBounds } from "@/lib/domain/expiry";
import { makeExtendExpirySchema, type ExtendExpiryInput } from "@/lib/domain/token-schemas";
import { extendTokenExpiryAction } from "../actions";

/** "Extend expiration": the same date control as creation, validated by the same schema as the server. */
export function ExtendExpiryDialog({ tokenId, currentExpiresOn }: { tokenId: string; currentExpiresOn: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Extend expiration
      </Button>
      {open && <ExtendForm tokenId={tokenId} currentExpiresOn={currentExpiresOn} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}

function ExtendForm({ tokenId, currentExpiresOn, onDone }: { tokenId: string; currentExpiresOn: string; onDone: () => void }) {
  const router = useRouter();
  const timeZone = useViewerTimeZone();
  const [formError, setFormError] = useState<string | null>(null);
  const bounds = expiryBounds(timeZone);
  const max = bounds.max;
  const dayAfter = addDaysIso(currentExpiresOn, 1);
  const min = dayAfter > bounds.min ? dayAfter : bounds.min;
  // Start one step past the current date (or at the limit), so the default is always a valid extension.
  const suggested = addDaysIso(currentExpiresOn, 30) < max ? addDaysIso(currentExpiresOn, 30) : max;
  const form = useForm<ExtendExpiryInput>({
    resolver: zodResolver(makeExtendExpirySchema(currentExpiresOn)),
    defaultValues: { expiresOn: suggested, timeZone },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await extendTokenExpiryAction({ tokenId, values: { ...values, timeZone } });
    if (!result.ok) {
      setFormError(result.error);
      applyFieldErrors(form.setError, Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^values\./, ""), v])));
      return;
    }
    toast.success(`The token now expires on ${result.data.expiresOn} at 23:59:59 UTC.`);
    onDone();
    router.refresh();
  });

  return (
    <DialogContent title="Extend expiration" description={`Currently valid until ${currentExpiresOn} 23:59:59 UTC. Pick a later date, at most one year from today.`}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Controller
          control={form.control}
          name="expiresOn"
          render={({ field }) => <ExpiryDateField value={field.value} onChange={field.onChange} min={min} max={max} timeZone={timeZone} error={errors.expiresOn?.message} />}
        />
        <DialogFormActions pending={isSubmitting} pendingLabel="Saving…" submitLabel="Save expiration date" />
      </form>
    </DialogContent>
  );
}
