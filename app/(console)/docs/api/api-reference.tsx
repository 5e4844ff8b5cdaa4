"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { LoadingRows } from "@/components/ui/page";

function Loading() {
  const t = useTranslations("docs");
  return <LoadingRows label={t("loading")} />;
}

// The renderer is large: loaded only on this page, after the document it shows. Scalar's own
// interface (section buttons, "Copy", client names) is third-party and stays in English; the
// document it shows (lib/api/openapi.ts) is the API's, which is not translated either.
const ScalarReference = dynamic(() => import("./scalar-reference"), { ssr: false, loading: () => <Loading /> });

/** A failed fetch of the document: the status the server answered, or none when it never answered. */
class DocumentError extends Error {
  constructor(public status?: number) {
    super(status ? `openapi.json answered ${status}` : "openapi.json unreachable");
  }
}

async function fetchDocument(): Promise<Record<string, unknown>> {
  const res = await fetch("/openapi.json", { headers: { Accept: "application/json" } }).catch(() => {
    throw new DocumentError();
  });
  if (!res.ok) throw new DocumentError(res.status);
  return (await res.json()) as Record<string, unknown>;
}

/** Scalar's links into the reference are fragments (#tag/…, #model/…): one opens it at once. */
const REFERENCE_FRAGMENT = /^#(tag|model|description|api)\b/;

function onHashChange(callback: () => void) {
  window.addEventListener("hashchange", callback);
  return () => window.removeEventListener("hashchange", callback);
}

export function ApiReference() {
  const t = useTranslations("docs");
  const [open, setOpen] = useState(false);
  const linked = useSyncExternalStore(onHashChange, () => REFERENCE_FRAGMENT.test(window.location.hash), () => false);
  if (!open && !linked) {
    return <Button onClick={() => setOpen(true)}>{t("showFullReference")}</Button>;
  }
  return <FullReference />;
}

function FullReference() {
  const t = useTranslations();
  const doc = useQuery({ queryKey: ["openapi-document"], queryFn: fetchDocument, staleTime: Infinity });
  if (doc.isPending) return <Loading />;
  if (doc.isError) {
    const status = doc.error instanceof DocumentError ? doc.error.status : undefined;
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
        <h3 className="text-lg font-semibold">{t("docs.loadFailed")}</h3>
        <p className="mt-1 text-sm">{status ? t("docs.serverAnswered", { status }) : t("docs.unreachable")}</p>
        <Button variant="secondary" className="mt-4" onClick={() => void doc.refetch()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  return <ScalarReference document={doc.data} />;
}
