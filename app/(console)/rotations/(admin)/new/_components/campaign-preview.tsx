"use client";

import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/hooks/use-message-text";
import type { CampaignPreview as Preview } from "@/lib/domain/campaign";

/** "N tokens, M owners, K used in the last 30 days", announced politely as it changes. */
export function CampaignPreview({ incomplete, shown, counting, error }: { incomplete: boolean; shown?: Preview; counting: boolean; error: string | null }) {
  const t = useTranslations("campaigns.new");
  const text = useMessageText();
  let body: string;
  if (incomplete) body = t("previewIncomplete");
  else if (error && !counting) body = text(error);
  else if (shown) body = t("previewResult", { tokens: shown.tokens, owners: shown.owners, usedRecently: shown.usedRecently });
  else body = t("previewCounting");
  return (
    <section aria-labelledby="campaign-preview-heading" className="rounded-md border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="campaign-preview-heading" className="text-sm font-medium">
        {t("previewHeading")}
      </h2>
      <p role="status" aria-busy={counting} className={`mt-1 text-sm ${counting && shown ? "opacity-60" : ""}`}>
        {body}
      </p>
    </section>
  );
}
