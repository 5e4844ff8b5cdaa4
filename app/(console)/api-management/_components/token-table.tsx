"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Table, tdClass } from "@/components/ui/page";
import { CopyButton } from "@/components/tokens/copy-button";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import type { TokenListDto } from "@/lib/data/tokens";

const TYPE_LABELS = { generated: "Generated secret", public_key: "Public key" } as const;
const HEADERS = ["Name", "Token ID", "Type", "Created by", "Created", "Expires", "Last used", "Status"];

/** Dates from the server are formatted in UTC so server and browser render the same text. */
function formatInstant(iso: string | null): string {
  if (!iso) return "Never";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One page of tokens and the pager under it. */
export function TokenTable({ data, refreshing, onPage }: { data: TokenListDto; refreshing: boolean; onPage: (page: number) => void }) {
  return (
    <>
      <Table caption="API tokens" columns={HEADERS} busy={refreshing}>
        {data.items.map((t) => (
          <tr key={t.id}>
            <td className={tdClass}>
              <Link href={`/api-management/${t.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
                {t.title}
              </Link>
            </td>
            <td className={tdClass}>
              <span className="flex items-center gap-1">
                <code className="whitespace-nowrap font-mono text-xs">{t.id}</code>
                <CopyButton text={t.id} label="Copy token ID" iconOnly />
              </span>
            </td>
            <td className={tdClass}>{TYPE_LABELS[t.type]}</td>
            <td className={tdClass}>{t.createdBy}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatInstant(t.createdAt)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{t.expiresOn}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatInstant(t.lastUsedAt)}</td>
            <td className={tdClass}>
              <TokenStatusBadge status={t.status} />
            </td>
          </tr>
        ))}
      </Table>
      <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p>
          {data.total} {data.total === 1 ? "token" : "tokens"} · Page {data.page} of {data.pageCount}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            Previous
          </Button>
          <Button variant="secondary" size="sm" disabled={data.page >= data.pageCount} onClick={() => onPage(data.page + 1)}>
            Next
          </Button>
        </div>
      </nav>
    </>
  );
}
