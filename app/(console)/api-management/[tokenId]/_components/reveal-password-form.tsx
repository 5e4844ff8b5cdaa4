"use client";

import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import { DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import type { RevealedToken } from "@/components/tokens/reveal-dialog";
import type { RevealSecretInput } from "@/lib/domain/rotation-schemas";
import { revealNewSecretAction } from "../actions";

export function PasswordForm({ token, onRevealed }: { token: { id: string; title: string }; onRevealed: (r: RevealedToken) => void }) {
  const t = useTranslations("rotationDue.reveal");
  const form = useForm<RevealSecretInput>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.revealSecretResolver)),
    defaultValues: { password: "" },
  });
  const reveal = useServerAction(revealNewSecretAction, { form, fieldPrefix: "values.", invalidate: [["tokens"]], onSuccess: onRevealed });
  const onSubmit = form.handleSubmit((values) => reveal.run({ tokenId: token.id, values }));
  return (
    <DialogContent title={t("title", { title: token.title })} description={t("description")}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={reveal.error} />
        <Field label={t("password")} error={form.formState.errors.password?.message}>
          {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="current-password" className={inputClass} />}
        </Field>
        <DialogFormActions pending={reveal.pending} pendingLabel={t("pending")} submitLabel={t("submit")} />
      </form>
    </DialogContent>
  );
}
