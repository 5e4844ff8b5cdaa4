"use client";

import { Controller, useWatch, type FieldValues, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/form-errors";
import { msg } from "@/lib/domain/message";
import { IpAllowlistInput } from "./ip-allowlist-input";

type IpFields = { allowedIps: string[]; confirmOpenRange: boolean };

/** IpAllowlistInput wired to a form with `allowedIps` and `confirmOpenRange` (creation and "Edit allowed IPs"). */
export function IpAllowlistField<T extends FieldValues & IpFields>({ form }: { form: UseFormReturn<T, unknown, FieldValues> }) {
  // Both forms share these two fields; react-hook-form can't name them through the generic.
  const f = form as unknown as UseFormReturn<IpFields>;
  const confirmOpenRange = useWatch({ control: f.control, name: "confirmOpenRange" });
  const { errors, isSubmitted } = f.formState;
  // Refused entries (allowedIps.3 …) are each named with their reason under the chips; the
  // field's own line only says how many, so no entry's message appears twice.
  const entryErrors = Array.isArray(errors.allowedIps) ? errors.allowedIps.filter(Boolean).length : 0;
  const listError = entryErrors > 0 ? msg("ipRules.fixListed", { count: entryErrors }) : firstMessage(errors.allowedIps);
  return (
    <Controller
      control={f.control}
      name="allowedIps"
      render={({ field }) => (
        <IpAllowlistInput
          value={field.value}
          onChange={field.onChange}
          confirmOpenRange={confirmOpenRange}
          onConfirmOpenRangeChange={(v) => f.setValue("confirmOpenRange", v, { shouldValidate: isSubmitted })}
          error={listError ?? errors.confirmOpenRange?.message}
        />
      )}
    />
  );
}
