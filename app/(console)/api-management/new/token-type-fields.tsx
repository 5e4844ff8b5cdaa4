"use client";

import { useTranslations } from "next-intl";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { PublicKeyTextarea } from "@/components/tokens/public-key-textarea";
import { Field } from "@/components/ui/field";
import { KeyPairHelp } from "@/components/tokens/key-pair-help";
import { MAX_PUBLIC_KEY_BYTES, PUBLIC_KEY_MESSAGES } from "@/lib/domain/public-key";
import type { CreateTokenInput, CreateTokenValues } from "@/lib/domain/token-schemas";

type CreateTokenForm = UseFormReturn<CreateTokenInput, unknown, CreateTokenValues>;

/** "Token type": a generated secret, or an uploaded public key (pasted or read from a file). */
export function TokenTypeFields({ form }: { form: CreateTokenForm }) {
  const t = useTranslations("tokens.create");
  const tokenType = useWatch({ control: form.control, name: "tokenType" });
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("typeLegend")}</legend>
        <TypeOption form={form} value="generated" label={t("typeGenerated")} hint={t("typeGeneratedHint")} />
        <TypeOption
          form={form}
          value="public_key"
          label={t("typePublicKey")}
          hint={t("typePublicKeyHint")}
        />
      </fieldset>
      {tokenType === "public_key" && <PublicKeyFields form={form} />}
    </>
  );
}

function TypeOption({ form, value, label, hint }: { form: CreateTokenForm; value: CreateTokenInput["tokenType"]; label: string; hint: string }) {
  const field = form.register("tokenType");
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" value={value} {...field} className="mt-1" />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-slate-600 dark:text-slate-400">{hint}</span>
      </span>
    </label>
  );
}

function PublicKeyFields({ form }: { form: CreateTokenForm }) {
  const t = useTranslations("tokens.create");
  const error = form.formState.errors.publicKey?.message;
  const keyField = form.register("publicKey", { onChange: () => void form.trigger("publicKey") });

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
    <div className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <KeyPairHelp />
      <Field label={t("publicKeyLabel")} description={t("publicKeyHelp")} error={error}>
        {(p) => (
          <PublicKeyTextarea {...p} {...keyField} />
        )}
      </Field>
      <Field label={t("publicKeyFileLabel")}>
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
  );
}
