"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RevealDialog, type RevealedToken } from "@/components/tokens/reveal-dialog";

// The form (react-hook-form) loads when the dialog opens. The reveal dialog does not: a new
// secret is shown once, and must not wait on (or be lost to) a download.
const RotateForm = dynamic(() => import("./rotate-form").then((m) => m.RotateForm));

export interface RotateDialogProps {
  token: { id: string; title: string; type: "generated" | "public_key"; expiresOn: string };
  /** The end of a running overlap (RFC 3339), if any: rotating again ends it, and the dialog says so first. */
  previousWorksUntil: string | null;
}

/**
 * Rotate secret (generated) / Replace public key (uploaded): the overlap choice, the new key for
 * an uploaded-key token, then the new secret in the creation's one-time reveal dialog.
 */
export function RotateDialog({ token, previousWorksUntil }: RotateDialogProps) {
  const t = useTranslations("tokens.rotate");
  const [open, setOpen] = useState(false);
  // The new secret lives only here, until the reveal dialog closes.
  const [revealed, setRevealed] = useState<RevealedToken | null>(null);
  const kind = token.type === "generated" ? "Generated" : "PublicKey";
  return (
    <>
      <Dialog open={open} onOpenChange={setOpen}>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t(`open${kind}`)}
        </Button>
        {open && (
          <RotateForm
            token={token}
            previousWorksUntil={previousWorksUntil}
            onRotated={(secret) => {
              setOpen(false);
              if (secret) setRevealed({ tokenId: token.id, title: token.title, expiresOn: token.expiresOn, secret });
            }}
          />
        )}
      </Dialog>
      {revealed && <RevealDialog token={revealed} title={t("revealTitle")} onClosed={() => setRevealed(null)} />}
    </>
  );
}
