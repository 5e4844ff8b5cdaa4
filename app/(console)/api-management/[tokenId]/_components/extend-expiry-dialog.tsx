"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

// The form (react-hook-form, the date picker) loads when the dialog opens.
const ExtendForm = dynamic(() => import("./extend-expiry-form").then((m) => m.ExtendForm));

/** "Extend expiration": the same date control as creation, validated by the same schema as the server. */
export function ExtendExpiryDialog({ tokenId, currentExpiresOn }: { tokenId: string; currentExpiresOn: string }) {
  const t = useTranslations("tokens.extend");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("open")}
      </Button>
      {open && <ExtendForm tokenId={tokenId} currentExpiresOn={currentExpiresOn} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}
