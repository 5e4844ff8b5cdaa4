"use client";

import { ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { CopyButton } from "./copy-button";

// Commands are the same in every language. The PKCS#8 copy is what most JWS libraries load.
const COMMANDS = [
  "openssl ecparam -name prime256v1 -genkey -noout -out keyward-private.pem",
  "openssl pkcs8 -topk8 -nocrypt -in keyward-private.pem -out keyward-private-pkcs8.pem",
  "openssl ec -in keyward-private.pem -pubout -out keyward-public.pem",
].join("\n");

/** How to make a P-256 key pair for an uploaded-key token, and the rule that the private key stays home. */
export function KeyPairHelp() {
  const t = useTranslations("tokens.keyPair");
  return (
    <section aria-labelledby="key-pair-help-title" className="space-y-2 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="key-pair-help-title" className="font-medium">
          {t("title")}
        </h3>
        <CopyButton text={COMMANDS} what="commands" label={t("copy")} />
      </div>
      <p className="text-slate-700 dark:text-slate-300">{t("intro")}</p>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">
        <code>{COMMANDS}</code>
      </pre>
      <p className="flex items-start gap-2 rounded border border-amber-400 bg-amber-50 p-2 text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
        <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>{t("warning")}</span>
      </p>
    </section>
  );
}
