import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page";
import { LocalTime } from "@/components/events/local-time";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getOutboxMessage } from "@/lib/data/outbox";
import { OutboxStatus } from "../_components/outbox-status";

export const metadata: Metadata = { title: "Message" };

// One email notice as it was (or will be) sent. Administrators only, like the list.
export default async function OutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const { messageId } = await params;
  const id = Number(messageId);
  const m = Number.isSafeInteger(id) && id > 0 ? getOutboxMessage({ id }) : null;
  if (!m) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/outbox" className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
          Back to Outbox
        </Link>
      </p>
      <PageHeader title={m.subject} />
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="font-medium">To</dt>
        <dd className="break-all">{m.recipient}</dd>
        <dt className="font-medium">Status</dt>
        <dd>
          <OutboxStatus status={m.status} />
        </dd>
        <dt className="font-medium">Attempts</dt>
        <dd>{m.attempts}</dd>
        <dt className="font-medium">Queued</dt>
        <dd>
          <LocalTime iso={m.createdAt} />
        </dd>
        {m.sentAt && (
          <>
            <dt className="font-medium">Sent</dt>
            <dd>
              <LocalTime iso={m.sentAt} />
            </dd>
          </>
        )}
        {m.status === "pending" && m.nextAttemptAt && (
          <>
            <dt className="font-medium">Next attempt</dt>
            <dd>
              <LocalTime iso={m.nextAttemptAt} />
            </dd>
          </>
        )}
        {m.lastError && (
          <>
            <dt className="font-medium">Last error</dt>
            <dd className="break-all">{m.lastError}</dd>
          </>
        )}
      </dl>
      <h2 className="mb-2 text-lg font-semibold">Message</h2>
      <pre className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-slate-50 p-4 font-sans text-sm dark:border-slate-800 dark:bg-slate-900">{m.body}</pre>
    </>
  );
}
