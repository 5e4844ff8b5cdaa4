"use client";

import { Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";

const COPIED = { tokenId: "copiedTokenId", secret: "copiedSecret", commands: "copiedCommands" } as const;

/** Copies text to the clipboard and confirms with a toast naming `what` ("Token ID copied"); onCopied lets a caller track it. */
export function CopyButton({
  text,
  what,
  label,
  onCopied,
  iconOnly,
}: {
  text: string;
  what: "tokenId" | "secret" | "commands";
  label: string;
  onCopied?: () => void;
  iconOnly?: boolean;
}) {
  const t = useTranslations("tokens.copy");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t(COPIED[what]));
      onCopied?.();
    } catch {
      toast.error(t("failed"));
    }
  }
  return (
    <Button variant={iconOnly ? "ghost" : "secondary"} size="sm" onClick={copy} aria-label={iconOnly ? label : undefined} title={iconOnly ? label : undefined} className={iconOnly ? "px-2" : "shrink-0 whitespace-nowrap"}>
      <Copy className="size-4" aria-hidden />
      {iconOnly ? null : label}
    </Button>
  );
}
