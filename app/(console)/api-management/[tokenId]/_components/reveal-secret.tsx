"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RevealDialog, type RevealedToken } from "@/components/tokens/reveal-dialog";

// The password form (react-hook-form) loads when the dialog opens; the reveal dialog is here
// already, so the secret never waits on a download.
const PasswordForm = dynamic(() => import("./reveal-password-form").then((m) => m.PasswordForm));

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
