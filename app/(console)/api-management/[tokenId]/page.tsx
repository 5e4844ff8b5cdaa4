import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/ui/page";
import { EventTable } from "@/components/events/event-table";
import { LocalTime } from "@/components/events/local-time";
import { PermissionTable } from "@/components/permissions/permission-table";
import { CopyButton } from "@/components/tokens/copy-button";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { hasPermission } from "@/lib/auth/actor";
import { listTokenEvents } from "@/lib/data/events";
import { NO_RESTRICTION_TEXT } from "@/lib/domain/ip-allowlist";
import { TOKEN_STATUS_LABELS } from "@/lib/domain/token-status";
import { getTokenExchanges } from "@/lib/oauth/exchanges";
import { TokenActions } from "./_components/token-actions";
import { loadTokenForPage } from "./load-token";

export const metadata: Metadata = { title: "API token" };

const TYPE_LABELS = { generated: "Generated secret", public_key: "Public key" } as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

// One token: every attribute, its events, and the actions its status allows. Another user's
// token is a 404 for anyone but a System Administrator (the owner is in the query).
export default async function TokenPage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { actor, token } = await loadTokenForPage((await params).tokenId);
  if (!token) notFound();
  const tokenEvents = listTokenEvents(token.id);
  const exchanges = getTokenExchanges(token.id);
  const canManage = hasPermission(actor, "api-credentials.manage");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/api-management" className="inline-flex items-center gap-1 text-brand-700 underline underline-offset-2 dark:text-brand-100">
          <ArrowLeft className="size-4" aria-hidden />
          API management
        </Link>
      </p>
      <PageHeader
        title={token.title}
        description={<TokenStatusBadge status={token.status} />}
        actions={canManage ? <TokenActions token={{ id: token.id, title: token.title, expiresOn: token.expiresOn, status: token.status, allowedIps: token.allowedIps }} /> : undefined}
      />
      {token.status !== "active" && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          This token is {TOKEN_STATUS_LABELS[token.status]}. It is read-only and API requests signed with it are refused; it can only be deleted.
        </p>
      )}

      <section aria-labelledby="details-heading" className="mb-8">
        <h2 id="details-heading" className="mb-2 text-lg font-semibold">
          Details
        </h2>
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 px-4 dark:divide-slate-800 dark:border-slate-800">
          <Row label="Title">{token.title}</Row>
          <Row label="Description">{token.description || <span className="text-slate-600 dark:text-slate-400">No description</span>}</Row>
          <Row label="Type">{TYPE_LABELS[token.type]}</Row>
          <Row label="Token ID">
            <span className="flex flex-wrap items-center gap-2">
              <code className="break-all font-mono text-xs">{token.id}</code>
              <CopyButton text={token.id} label="Copy token ID" iconOnly />
            </span>
          </Row>
          {token.type === "public_key" && (
            <Row label="Public key fingerprint">
              <code className="break-all font-mono text-xs">{token.publicKeyFingerprint ?? "Unavailable"}</code>
            </Row>
          )}
          <Row label="Created by">
            {token.createdBy.name} <span className="text-slate-600 dark:text-slate-400">({token.createdBy.email})</span>
          </Row>
          <Row label="Created">
            <LocalTime iso={token.createdAt} />
          </Row>
          <Row label="Expires">{token.expiresOn} 23:59:59 UTC</Row>
          <Row label="Last used">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "Never"}</Row>
          <Row label="Exchanges">
            {exchanges.count === 0 || !exchanges.lastAt ? (
              "None"
            ) : (
              <>
                {exchanges.count}, last <LocalTime iso={exchanges.lastAt} />
              </>
            )}
          </Row>
          <Row label="Device group">{token.deviceGroup ?? "None"}</Row>
          <Row label="Status">
            <TokenStatusBadge status={token.status} />
          </Row>
        </dl>
      </section>

      <section aria-labelledby="ips-heading" className="mb-8">
        <h2 id="ips-heading" className="mb-2 text-lg font-semibold">
          Allowed IP addresses
        </h2>
        {token.allowedIps.length === 0 ? (
          <p className="text-sm">{NO_RESTRICTION_TEXT}</p>
        ) : (
          <ul aria-label="Allowed IP addresses" className="flex flex-wrap gap-2">
            {token.allowedIps.map((ip) => (
              <li key={ip} className="rounded-full bg-slate-100 px-3 py-1 font-mono text-xs dark:bg-slate-800">
                {ip}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="permissions-heading" className="mb-8">
        <h2 id="permissions-heading" className="mb-2 text-lg font-semibold">
          Permissions
        </h2>
        <PermissionTable value={token.permissions} offered={token.permissions} readOnly caption="Permissions of this token" />
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-2 text-lg font-semibold">
          Events
        </h2>
        {tokenEvents.length === 0 ? (
          <p className="text-sm">No events recorded for this token.</p>
        ) : (
          <EventTable items={tokenEvents} caption="Events of this token, newest first" showTarget={false} />
        )}
      </section>
    </>
  );
}
