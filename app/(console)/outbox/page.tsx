import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Mail } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Table, tdClass } from "@/components/ui/page";
import { LocalTime } from "@/components/events/local-time";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listOutbox } from "@/lib/data/outbox";
import { OutboxStatus } from "./_components/outbox-status";

export const metadata: Metadata = { title: "Outbox" };

// Email notices, newest first: the inbox of a fresh install with no SMTP server. Administrators only.
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const { page: pageParam } = await searchParams;
  const page = listOutbox({ page: Number(pageParam) || 1 });
  const smtp = Boolean(process.env.SMTP_URL);
  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          smtp
            ? "Email notices Keyward has queued or sent. Failed deliveries are retried with increasing delays."
            : "Email notices Keyward has queued. SMTP_URL is not set, so messages are kept here instead of being sent."
        }
      />
      {page.items.length === 0 ? (
        <EmptyState icon={<Mail className="size-8" aria-hidden />} title="No messages" description="Token notices appear here. Without SMTP_URL they are kept here instead of being sent." />
      ) : (
        <Table caption="Email messages, newest first" columns={["Recipient", "Subject", "Status", "Attempts", "Time"]}>
          {page.items.map((m) => (
            <tr key={m.id}>
              <td className={`${tdClass} break-all`}>{m.recipient}</td>
              <td className={tdClass}>
                <Link href={`/outbox/${m.id}`} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
                  {m.subject}
                </Link>
              </td>
              <td className={tdClass}>
                <OutboxStatus status={m.status} />
              </td>
              <td className={tdClass}>{m.attempts}</td>
              <td className={tdClass}>
                <LocalTime iso={m.sentAt ?? m.createdAt} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {page.pageCount > 1 && (
        <nav aria-label="Outbox pages" className="mt-4 flex items-center justify-between gap-2">
          {page.page > 1 ? (
            <Button asChild variant="secondary">
              <Link href={`/outbox?page=${page.page - 1}`}>Previous page</Link>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600 dark:text-slate-300">
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount ? (
            <Button asChild variant="secondary">
              <Link href={`/outbox?page=${page.page + 1}`}>Next page</Link>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
