"use client";

import { useEffect, useRef, useState } from "react";
import { Download } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogContent } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { CopyButton } from "./copy-button";
import { expiryTimestamp } from "@/lib/domain/expiry";
import { formatCalendarDate } from "@/lib/i18n/format";

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
 * A read-only value shown whole: it wraps onto more lines (anywhere, it has no spaces) and the
 * box grows to fit, so no part of a secret is ever cut off at any width. On a narrow screen its
 * copy button goes under it, leaving the value the dialog's full width.
 */
function WrappedValue({ id, value }: { id: string; value: string }) {
  return (
    <textarea
      id={id}
      readOnly
      value={value}
      rows={1}
      autoComplete="off"
      spellCheck={false}
      className={`${inputClass} field-sizing-content min-w-0 resize-none overflow-hidden break-all font-mono`}
      onFocus={(e) => e.currentTarget.select()}
    />
  );
}

/**
 * The one-time reveal of a new token. Closing before the secret was copied or downloaded asks
 * first, because the secret can't be shown again; onClosed must drop the secret everywhere.
 */
export function RevealDialog({ token, onClosed, title }: { token: RevealedToken; onClosed: () => void; /** The heading when not a creation (a rotation's new secret). */ title?: string }) {
  const t = useTranslations("tokens.reveal");
  const close = useTranslations("common")("close");
  const locale = useLocale();
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secret = token.secret;

  const unsaved = Boolean(secret) && !saved;

  function requestClose() {
    if (unsaved) setConfirming(true);
    else onClosed();
  }

  // Reload or closing the tab while the secret is unsaved asks the browser's own question.
  useEffect(() => {
    if (!unsaved) return;
    function warn(event: BeforeUnloadEvent) {
      event.preventDefault();
      // Older browsers only ask when returnValue is set.
      event.returnValue = "";
    }
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  // The browser's Back while the dialog is open asks like Close: an extra history entry on the
  // same address absorbs the Back, and is put back while the user decides.
  const unsavedRef = useRef(unsaved);
  const onClosedRef = useRef(onClosed);
  useEffect(() => {
    unsavedRef.current = unsaved;
    onClosedRef.current = onClosed;
  });
  useEffect(() => {
    window.history.pushState(window.history.state, "");
    function back() {
      if (unsavedRef.current) {
        window.history.pushState(window.history.state, "");
        setConfirming(true);
      } else onClosedRef.current();
    }
    window.addEventListener("popstate", back);
    return () => window.removeEventListener("popstate", back);
  }, []);

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
          title={title ?? t("title")}
          className="sm:max-w-2xl"
          description={secret ? t("descriptionSecret") : t("descriptionPublicKey", { title: token.title })}
          // A stray click outside must not throw the secret away.
          onPointerDownOutside={(e) => e.preventDefault()}
        >
          <div className="space-y-4">
            <div className="space-y-1">
              <label htmlFor="reveal-token-id" className="block text-sm font-medium">
                {t("tokenId")}
              </label>
              <div className="flex flex-col items-start gap-2 sm:flex-row">
                <WrappedValue id="reveal-token-id" value={token.tokenId} />
                <CopyButton what="tokenId" text={token.tokenId} label={t("copyTokenId")} />
              </div>
            </div>
            {secret ? (
              <>
                <div className="space-y-1">
                  <label htmlFor="reveal-secret" className="block text-sm font-medium">
                    {t("secretKey")}
                  </label>
                  <div className="flex flex-col items-start gap-2 sm:flex-row">
                    <WrappedValue id="reveal-secret" value={secret} />
                    <CopyButton what="secret" text={secret} label={t("copySecret")} onCopied={() => setSaved(true)} />
                  </div>
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {t("worksUntil", { date: formatCalendarDate(token.expiresOn, locale) })}
                </p>
              </>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              {secret ? (
                <Button variant="secondary" onClick={download}>
                  <Download className="size-4" aria-hidden />
                  {t("download")}
                </Button>
              ) : null}
              <Button onClick={requestClose}>{close}</Button>
            </div>
          </div>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("confirmTitle")}
        description={t("confirmDescription")}
        confirmLabel={t("confirmClose")}
        cancelLabel={t("confirmBack")}
        destructive
        onConfirm={() => {
          setConfirming(false);
          onClosed();
        }}
      />
    </>
  );
}
