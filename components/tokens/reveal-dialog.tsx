"use client";

import { useState } from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogContent } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { CopyButton } from "./copy-button";
import { expiryTimestamp } from "@/lib/domain/expiry";

export interface RevealedToken {
  tokenId: string;
  title: string;
  expiresOn: string;
  /** Only for generated tokens; held in memory until the dialog closes, never in a URL. */
  secret?: string;
}

/** A file name from a token title: no path separators, reserved or control characters. */
export function tokenFileName(title: string): string {
  const base = title
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 100);
  return `${base || "token"}.token`;
}

/** The .token file: plain key=value lines a program or the CLI can read. */
export function tokenFileContent(t: RevealedToken & { secret: string }, origin: string): string {
  return [`token_id=${t.tokenId}`, `secret_key=${t.secret}`, `expires=${expiryTimestamp(t.expiresOn)}`, `api_url=${origin}/jws/validate`, ""].join("\n");
}

/**
 * The one-time reveal of a new token. Closing before the secret was copied or downloaded asks
 * first, because the secret can't be shown again; onClosed must drop the secret everywhere.
 */
export function RevealDialog({ token, onClosed }: { token: RevealedToken; onClosed: () => void }) {
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secret = token.secret;

  function requestClose() {
    if (secret && !saved) setConfirming(true);
    else onClosed();
  }

  function download() {
    if (!secret) return;
    const blob = new Blob([tokenFileContent({ ...token, secret }, window.location.origin)], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = tokenFileName(token.title);
    document.body.append(a);
    a.click();
    a.remove();
    // The browser has started the download by now; the object URL would otherwise keep the secret alive.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setSaved(true);
  }

  return (
    <>
      <Dialog open onOpenChange={(open) => !open && requestClose()}>
        <DialogContent
          title="API token created"
          className="sm:max-w-2xl"
          description={secret ? "This secret key can't be shown again. Copy it or download it now." : `The token "${token.title}" is ready. Programs sign requests with the private key that matches the uploaded public key.`}
          // A stray click outside must not throw the secret away.
          onPointerDownOutside={(e) => e.preventDefault()}
        >
          <div className="space-y-4">
            <div className="space-y-1">
              <label htmlFor="reveal-token-id" className="block text-sm font-medium">
                Token ID
              </label>
              <div className="flex gap-2">
                <input id="reveal-token-id" readOnly value={token.tokenId} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton text={token.tokenId} label="Copy token ID" />
              </div>
            </div>
            {secret ? (
              <>
                <div className="space-y-1">
                  <label htmlFor="reveal-secret" className="block text-sm font-medium">
                    Secret key
                  </label>
                  <div className="flex gap-2">
                    <input
                      id="reveal-secret"
                      readOnly
                      value={secret}
                      autoComplete="off"
                      spellCheck={false}
                      className={`${inputClass} font-mono`}
                      onFocus={(e) => e.currentTarget.select()}
                    />
                    <CopyButton text={secret} label="Copy secret key" onCopied={() => setSaved(true)} />
                  </div>
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  It works until 23:59:59 UTC on {token.expiresOn}. Keep it in a secret store; anyone with it can call the API as this token.
                </p>
              </>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              {secret ? (
                <Button variant="secondary" onClick={download}>
                  <Download className="size-4" aria-hidden />
                  Download token
                </Button>
              ) : null}
              <Button onClick={requestClose}>Close</Button>
            </div>
          </div>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Close without saving the secret?"
        description="You haven't copied or downloaded the secret key. Once this dialog closes it can't be shown again, and you'd have to create a new token."
        confirmLabel="Close anyway"
        cancelLabel="Go back"
        destructive
        onConfirm={() => {
          setConfirming(false);
          onClosed();
        }}
      />
    </>
  );
}
