import { Link } from "@/components/ui/link";
import { forbidden } from "next/navigation";
import { Mail } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader, Table, tdClass } from "@/components/ui/page";
import { LocalTime } from "@/components/events/local-time";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listOutbox } from "@/lib/data/outbox";
import { OutboxStatus } from "../_components/outbox-status";

export async function generateMetadata() {
  const t = await getTranslations("outbox");
  return { title: t("title") };
}

// Email notices, newest first: the inbox of a fresh install with no SMTP server. Administrators only.
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  if (!actor.isSystemAdmin) forbidden();
  const { page: pageParam } = await searchParams;
  const page = await listOutbox({ page: Number(pageParam) || 1 });
  const smtp = Boolean(process.env.SMTP_URL);
  const t = await getTranslations("outbox");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          smtp ? t("descriptionSmtp") : t("descriptionNoSmtp")
        }
      />
      {page.items.length === 0 ? (
        <EmptyState icon={<Mail className="size-8" aria-hidden />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <Table caption={t("tableCaption")} columns={[t("columns.recipient"), t("columns.subject"), t("columns.status"), t("columns.attempts"), t("columns.time")]}>
          {page.items.map((m) => (
            <tr key={m.id}>
              <td className={`${tdClass} min-w-40 break-all`}>{m.recipient}</td>
              <td className={`${tdClass} min-w-48`}>
                <Link href={`/outbox/${m.id}`} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
                  {m.subject}
                </Link>
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>
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
        <nav aria-label={t("pages")} className="mt-4 flex items-center justify-between gap-2">
          {page.page > 1 ? (
            <Button asChild variant="secondary">
              <Link href={`/outbox?page=${page.page - 1}`}>{t("previousPage")}</Link>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600 dark:text-slate-300">
            {t("pageOf", { page: page.page, count: page.pageCount })}
          </span>
          {page.page < page.pageCount ? (
            <Button asChild variant="secondary">
              <Link href={`/outbox?page=${page.page + 1}`}>{t("nextPage")}</Link>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
