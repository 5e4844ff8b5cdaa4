"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

// The form (react-hook-form, the chip input and its address parser) loads when the dialog opens.
const AllowedIpsForm = dynamic(() => import("./allowed-ips-form").then((m) => m.AllowedIpsForm));

/** "Edit allowed IPs": the creation form's chip input, to add and remove entries after creation. */
export function AllowedIpsDialog({ tokenId, allowedIps }: { tokenId: string; allowedIps: string[] }) {
  const t = useTranslations("tokens.allowedIps");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("open")}
      </Button>
      {open && <AllowedIpsForm tokenId={tokenId} allowedIps={allowedIps} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}
