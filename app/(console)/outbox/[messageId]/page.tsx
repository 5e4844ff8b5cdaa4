import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page";
import { LocalTime } from "@/components/events/local-time";
import { OutboxStatus } from "../_components/outbox-status";
import { loadMessage } from "./load-message";

export async function generateMetadata() {
  const t = await getTranslations("outbox");
  return { title: t("messageTitle") };
}

// One email notice as it was (or will be) sent. Administrators only, like the list.
export default async function OutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const m = await loadMessage((await params).messageId);
  if (!m) notFound();
  const t = await getTranslations("outbox");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/outbox" className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
          {t("backToOutbox")}
        </Link>
      </p>
      <PageHeader title={m.subject} />
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="font-medium">{t("fields.to")}</dt>
        <dd className="break-all">{m.recipient}</dd>
        <dt className="font-medium">{t("fields.status")}</dt>
        <dd>
          <OutboxStatus status={m.status} />
        </dd>
        <dt className="font-medium">{t("fields.attempts")}</dt>
        <dd>{m.attempts}</dd>
        <dt className="font-medium">{t("fields.queued")}</dt>
        <dd>
          <LocalTime iso={m.createdAt} />
        </dd>
        {m.sentAt && (
          <>
            <dt className="font-medium">{t("fields.sent")}</dt>
            <dd>
              <LocalTime iso={m.sentAt} />
            </dd>
          </>
        )}
        {m.status === "pending" && m.nextAttemptAt && (
          <>
            <dt className="font-medium">{t("fields.nextAttempt")}</dt>
            <dd>
              <LocalTime iso={m.nextAttemptAt} />
            </dd>
          </>
        )}
        {m.lastError && (
          <>
            <dt className="font-medium">{t("fields.lastError")}</dt>
            <dd className="break-all">{m.lastError}</dd>
          </>
        )}
      </dl>
      <h2 className="mb-2 text-lg font-semibold">{t("body")}</h2>
      <pre className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-slate-50 p-4 font-sans text-sm dark:border-slate-800 dark:bg-slate-900">{m.body}</pre>
    </>
  );
}
