"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { applyFieldErrors, firstMessage } from "@/components/form-errors";
import { IpAllowlistInput } from "@/components/tokens/ip-allowlist-input";
import { updateAllowedIpsSchema } from "@/lib/domain/token-schemas";
import type { z } from "zod";
import { updateTokenAllowedIpsAction } from "../actions";

type Values = z.input<typeof updateAllowedIpsSchema>;

/** "Edit allowed IPs": the creation form's chip input, to add and remove entries after creation. */
export function AllowedIpsDialog({ tokenId, allowedIps }: { tokenId: string; allowedIps: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Edit allowed IPs
      </Button>
      {open && <AllowedIpsForm tokenId={tokenId} allowedIps={allowedIps} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}

function AllowedIpsForm({ tokenId, allowedIps, onDone }: { tokenId: string; allowedIps: string[]; onDone: () => void }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(updateAllowedIpsSchema),
    defaultValues: { allowedIps, confirmOpenRange: false },
  });
  const { errors, isSubmitting } = form.formState;
  const confirmOpenRange = useWatch({ control: form.control, name: "confirmOpenRange" });

  const onSubmit = form.handleSubmit(async () => {
    setFormError(null);
    // Send what the user sees (display form); the server parses it with the same schema.
    const values = form.getValues();
    const result = await updateTokenAllowedIpsAction({ tokenId, values });
    if (!result.ok) {
      setFormError(result.error);
      applyFieldErrors(form.setError, Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^values\./, ""), v])));
      return;
    }
    toast.success(result.data.changed ? "Allowed IP addresses saved." : "No changes to save.");
    onDone();
    router.refresh();
  });

  return (
    <DialogContent title="Edit allowed IP addresses" description="Only requests from these addresses and ranges are accepted. Leave the list empty to allow any address.">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Controller
          control={form.control}
          name="allowedIps"
          render={({ field }) => (
            <IpAllowlistInput
              value={field.value}
              onChange={field.onChange}
              confirmOpenRange={confirmOpenRange}
              onConfirmOpenRangeChange={(v) => form.setValue("confirmOpenRange", v, { shouldValidate: form.formState.isSubmitted })}
              error={firstMessage(errors.allowedIps) ?? errors.confirmOpenRange?.message}
            />
          )}
        />
        <DialogFormActions pending={isSubmitting} pendingLabel="Saving…" submitLabel="Save allowed IPs" />
      </form>
    </DialogContent>
  );
}
