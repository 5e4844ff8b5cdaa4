"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { applyFieldErrors, firstMessage } from "@/components/form-errors";
import { PermissionTable } from "@/components/permissions/permission-table";
import { ExpiryDateField } from "@/components/tokens/expiry-date-field";
import { IpAllowlistInput } from "@/components/tokens/ip-allowlist-input";
import { RevealDialog } from "@/components/tokens/reveal-dialog";
import { expiryBounds } from "@/lib/domain/expiry";
import { MAX_PUBLIC_KEY_BYTES, PUBLIC_KEY_MESSAGES } from "@/lib/domain/public-key";
import type { Permission } from "@/lib/domain/permissions";
import { createTokenSchema, DESCRIPTION_MAX, type CreateTokenInput, type CreateTokenValues } from "@/lib/domain/token-schemas";
import { createTokenAction } from "../actions";

const subscribeNothing = () => () => {};

export function CreateTokenForm({ offered, deviceGroup }: { offered: Permission[]; deviceGroup: { name: string; explanation: string } }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // One key per form mount: a replayed submission of this form creates no second token.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<CreateTokenInput, unknown, CreateTokenValues>({
    resolver: zodResolver(createTokenSchema),
    defaultValues: {
      title: "",
      description: "",
      tokenType: "generated",
      publicKey: "",
      // Set on mount from the browser's zone: "90 days from today" is the user's today.
      expiresOn: "",
      timeZone: "UTC",
      permissions: [...offered],
      allowedIps: [],
      confirmOpenRange: false,
    },
  });
  const { errors } = form.formState;

  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    form.setValue("timeZone", timeZone);
    if (!form.getValues("expiresOn")) form.setValue("expiresOn", expiryBounds(timeZone).default);
  }, [form]);

  const mutation = useMutation({
    mutationFn: (values: CreateTokenInput) => createTokenAction(values, idempotencyKey),
    onSuccess: (result) => {
      if (!result.ok) {
        setFormError(result.error);
        applyFieldErrors(form.setError, result.fieldErrors);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
    onError: () => setFormError("The server couldn't be reached. Nothing was created; try again."),
  });
  const created = mutation.data?.ok ? mutation.data.data : null;

  // Two quick submissions both pass the (async) validation; only the first may call the
  // server, or the second's "already created" reply would replace the first's result.
  const inFlight = useRef(false);
  // The server parses the raw form values with the same schema, so send those, not the
  // resolver's transformed output.
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    void form.handleSubmit(() => {
      if (inFlight.current || created) return;
      inFlight.current = true;
      setFormError(null);
      mutation.mutate(form.getValues(), { onSettled: () => (inFlight.current = false) });
    })(event);
  }

  function closeReveal() {
    // Drop the only copies of the secret (the mutation result) and leave without a history
    // entry that could bring this page, or its state, back.
    mutation.reset();
    router.replace("/api-management");
  }

  const [tokenType, description, timeZone, confirmOpenRange] = useWatch({
    control: form.control,
    name: ["tokenType", "description", "timeZone", "confirmOpenRange"],
  });
  // Before hydration a click would submit the form natively, putting its fields in a URL.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const pending = !hydrated || mutation.isPending || Boolean(created);

  async function readKeyFile(file: File | undefined) {
    if (!file) return;
    // Checked before reading: a huge file is refused without loading it.
    if (file.size > MAX_PUBLIC_KEY_BYTES) {
      form.setError("publicKey", { type: "file", message: PUBLIC_KEY_MESSAGES.too_large });
      return;
    }
    form.setValue("publicKey", await file.text(), { shouldValidate: true, shouldDirty: true });
  }

  return (
    <>
      <form onSubmit={onSubmit} method="post" noValidate className="max-w-3xl space-y-6">
        <FormError message={formError} />
        <Field label="Title" error={errors.title?.message}>
          {(p) => <input {...p} {...form.register("title")} autoComplete="off" className={inputClass} />}
        </Field>

        <Field label="Description" description={`${(description ?? "").length}/${DESCRIPTION_MAX}`} error={errors.description?.message}>
          {(p) => <textarea {...p} {...form.register("description")} rows={3} className={inputClass} />}
        </Field>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Token type</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" value="generated" {...form.register("tokenType")} className="mt-1" />
            <span>
              <span className="font-medium">Generate token</span>
              <span className="block text-slate-600 dark:text-slate-400">Keyward creates a secret key, shown once after you create the token.</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" value="public_key" {...form.register("tokenType")} className="mt-1" />
            <span>
              <span className="font-medium">Upload public key</span>
              <span className="block text-slate-600 dark:text-slate-400">Your program signs with its own EC P-256 private key; Keyward stores only the public key.</span>
            </span>
          </label>
        </fieldset>

        {tokenType === "public_key" ? (
          <div className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
            <Field
              label="Public key"
              description="An EC P-256 (prime256v1) public key in PEM form. The BEGIN/END lines are optional."
              error={errors.publicKey?.message}
            >
              {(p) => (
                <textarea
                  {...p}
                  {...form.register("publicKey", { onChange: () => void form.trigger("publicKey") })}
                  rows={6}
                  spellCheck={false}
                  autoComplete="off"
                  placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
                  className={`${inputClass} font-mono text-xs`}
                />
              )}
            </Field>
            <Field label="Public key file (.pem)">
              {(p) => (
                <input
                  {...p}
                  type="file"
                  accept=".pem,.pub,.key,text/plain,application/x-pem-file"
                  onChange={(e) => void readKeyFile(e.target.files?.[0])}
                  className="block text-sm"
                />
              )}
            </Field>
          </div>
        ) : null}

        <Controller
          control={form.control}
          name="expiresOn"
          render={({ field }) => (
            <ExpiryDateField value={field.value} onChange={field.onChange} timeZone={timeZone} error={errors.expiresOn?.message} />
          )}
        />

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Permissions</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Only permissions your role has are offered. Manage includes View. Permissions can&apos;t be changed after the token is created.
          </p>
          <Controller
            control={form.control}
            name="permissions"
            render={({ field }) => (
              <PermissionTable caption="Token permissions" offered={offered} value={field.value as Permission[]} onChange={field.onChange} />
            )}
          />
          {firstMessage(errors.permissions) ? (
            <p className="text-sm text-red-700 dark:text-red-400">{firstMessage(errors.permissions)}</p>
          ) : null}
        </fieldset>

        <Field label="Device group" description={deviceGroup.explanation}>
          {(p) => <input {...p} readOnly value={deviceGroup.name} className={`${inputClass} bg-slate-50 dark:bg-slate-800`} />}
        </Field>

        <Controller
          control={form.control}
          name="allowedIps"
          render={({ field }) => (
            <IpAllowlistInput
              value={field.value}
              onChange={field.onChange}
              confirmOpenRange={confirmOpenRange}
              onConfirmOpenRangeChange={(v: boolean) => form.setValue("confirmOpenRange", v, { shouldValidate: form.formState.isSubmitted })}
              error={firstMessage(errors.allowedIps) ?? errors.confirmOpenRange?.message}
            />
          )}
        />

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {mutation.isPending ? "Creating…" : "Create"}
          </Button>
          <Button variant="ghost" asChild>
            <Link href="/api-management">Cancel</Link>
          </Button>
        </div>
      </form>
      {created ? <RevealDialog token={created} onClosed={closeReveal} /> : null}
    </>
  );
}
