"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { RevealDialog, type RevealedToken } from "@/components/tokens/reveal-dialog";
import type { RevealSecretInput } from "@/lib/domain/rotation-schemas";
import { revealNewSecretAction } from "../actions";

/**
 * Reveal new secret: after a rotation campaign rotated the token automatically, its creator
 * re-enters their console password and sees the new secret once, in the creation's reveal dialog.
 * Stays mounted when no longer `offered` (the page refreshes after the reveal), so the secret's
 * dialog stays open until it is closed.
 */
export function RevealSecret({ token, offered }: { token: { id: string; title: string }; offered: boolean }) {
  const t = useTranslations("rotationDue.reveal");
  const revealTitle = useTranslations("tokens.rotate")("revealTitle");
  const [open, setOpen] = useState(false);
  // The secret lives only here, until the reveal dialog closes.
  const [revealed, setRevealed] = useState<RevealedToken | null>(null);
  return (
    <>
      {offered && (
        <div role="note" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p>{t("notice")}</p>
          <Dialog open={open} onOpenChange={setOpen}>
            <Button onClick={() => setOpen(true)}>{t("open")}</Button>
            {open && (
              <PasswordForm
                token={token}
                onRevealed={(r) => {
                  setOpen(false);
                  setRevealed(r);
                }}
              />
            )}
          </Dialog>
        </div>
      )}
      {revealed && <RevealDialog token={revealed} title={revealTitle} onClosed={() => setRevealed(null)} />}
    </>
  );
}

function PasswordForm({ token, onRevealed }: { token: { id: string; title: string }; onRevealed: (r: RevealedToken) => void }) {
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
