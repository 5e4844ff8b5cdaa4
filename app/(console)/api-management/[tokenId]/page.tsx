import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { DetailRow, PageHeader } from "@/components/ui/page";
import { EventTable } from "@/components/events/event-table";
import { LocalTime } from "@/components/events/local-time";
import { PermissionTable } from "@/components/permissions/permission-table";
import { CopyButton } from "@/components/tokens/copy-button";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { hasPermission } from "@/lib/auth/actor";
import { listTokenEvents } from "@/lib/data/events";
import { allowsEveryAddress } from "@/lib/domain/ip-allowlist";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getTokenExchanges } from "@/lib/oauth/exchanges";
import { clock } from "@/lib/domain/clock";
import { rotationDueFor } from "@/lib/data/rotation-due";
import { revealOffered } from "@/lib/rotation/reveal";
import { EndOverlapButton } from "./_components/end-overlap-button";
import { RevealSecret } from "./_components/reveal-secret";
import { TokenActions } from "./_components/token-actions";
import { loadTokenForPage } from "./load-token";

export async function generateMetadata() {
  const t = await getTranslations("tokens.detail");
  return { title: t("metaTitle") };
}

// One token: every attribute, its events, and the actions its status allows. Another user's
// token is a 404 for anyone but a System Administrator (the owner is in the query).
export default async function TokenPage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { actor, token } = await loadTokenForPage((await params).tokenId);
  if (!token) notFound();
  const [tokenEvents, exchanges, due] = await Promise.all([listTokenEvents(token.id), getTokenExchanges(token.id), rotationDueFor([token.id])]);
  const canManage = hasPermission(actor, "api-credentials.manage");
  const canManageUsers = hasPermission(actor, "users-roles.manage");
  const t = await getTranslations("tokens");
  const common = await getTranslations("common");
  const locale = await getLocale();
  const lastExchange = exchanges.lastAt;
  const none = common("none");
  const exchangesText =
    exchanges.count === 0 || !lastExchange ? none : t.rich("detail.exchangeCount", { count: exchanges.count, last: () => <LocalTime iso={lastExchange} /> });
  const lastUsed = token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : common("never");
  const deviceGroup = token.deviceScope === "group" ? token.deviceGroup : t(`deviceScope.${token.deviceScope}`);
  const previous = token.previousCredential;
  const never = common("never");
  const secretCreated = token.secretCreatedAt;
  const secretAgeDays = Math.max(0, Math.floor((clock.now() - Date.parse(secretCreated)) / 86_400_000));
  const rotationDueOn = due.get(token.id);
  const dueT = await getTranslations("rotationDue");
  const [dueLabel, dueHelp] = [dueT("label"), dueT("help")];
  const dueLine = rotationDueOn ? dueT("line", { date: formatCalendarDate(rotationDueOn, locale) }) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/api-management" className="inline-flex items-center gap-1 text-brand-700 underline underline-offset-2 dark:text-brand-100">
          <ArrowLeft className="size-4" aria-hidden />
          {t("detail.backToList")}
        </Link>
      </p>
      <PageHeader
        title={token.title}
        description={<TokenStatusBadge status={token.status} />}
        actions={
          canManage ? (
            <TokenActions
              token={{
                id: token.id,
                title: token.title,
                type: token.type,
                expiresOn: token.expiresOn,
                status: token.status,
                allowedIps: token.allowedIps,
                previousWorksUntil: previous?.worksUntil ?? null,
              }}
            />
          ) : undefined
        }
      />
      {token.status === "suspended" ? (
        // Suspended is the one status that can end: say whose suspension it is and how it ends.
        <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p>{t("detail.suspendedNotice", { name: token.createdBy.name })}</p>
          {canManageUsers && (
            <p className="mt-2">
              <Link href={`/users?q=${encodeURIComponent(token.createdBy.email)}`} className="font-medium underline underline-offset-2">
                {t("detail.suspendedLink", { name: token.createdBy.name })}
              </Link>
            </p>
          )}
        </div>
      ) : (
        token.status !== "active" && (
          <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            {t("detail.readOnlyNotice", { status: token.status })}
          </p>
        )
      )}

      {canManage && token.type === "generated" && <RevealSecret token={{ id: token.id, title: token.title }} offered={await revealOffered({ actor, tokenId: token.id })} />}

      <section aria-labelledby="details-heading" className="mb-8">
        <h2 id="details-heading" className="mb-2 text-lg font-semibold">
          {t("detail.detailsHeading")}
        </h2>
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 px-4 dark:divide-slate-800 dark:border-slate-800">
          <DetailRow label={t("detail.title")}>{token.title}</DetailRow>
          <DetailRow label={t("detail.description")}>{token.description || <span className="text-slate-600 dark:text-slate-400">{t("detail.noDescription")}</span>}</DetailRow>
          <DetailRow label={t("detail.type")}>{t(`types.${token.type}`)}</DetailRow>
          <DetailRow label={t("detail.tokenId")}>
            <span className="flex flex-wrap items-center gap-2">
              <code className="break-all font-mono text-xs">{token.id}</code>
              <CopyButton what="tokenId" text={token.id} label={t("copyTokenId")} iconOnly />
            </span>
          </DetailRow>
          {token.type === "public_key" && (
            <DetailRow label={t("detail.fingerprint")}>
              <code className="break-all font-mono text-xs">{token.publicKeyFingerprint ?? t("detail.unavailable")}</code>
            </DetailRow>
          )}
          <DetailRow label={t("detail.createdBy")}>
            {token.createdBy.name} <span className="text-slate-600 dark:text-slate-400">({token.createdBy.email})</span>
          </DetailRow>
          <DetailRow label={t("detail.created")}>
            <LocalTime iso={token.createdAt} />
          </DetailRow>
          <DetailRow label={t("detail.expires")}>{t("detail.expiresAt", { date: formatCalendarDate(token.expiresOn, locale) })}</DetailRow>
          <DetailRow label={t("detail.secretCreated")}>{t.rich("detail.secretAge", { days: secretAgeDays, time: () => <LocalTime iso={secretCreated} /> })}</DetailRow>
          {dueLine && (
            <DetailRow label={dueLabel}>
              {dueLine}{" "}
              <Link href="/rotations/help" className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
                {dueHelp}
              </Link>
            </DetailRow>
          )}
          {previous && (
            <>
              <DetailRow label={t("detail.previousWorksUntil")}>
                <span className="flex flex-wrap items-center gap-2">
                  <LocalTime iso={previous.worksUntil} />
                  {canManage && token.status === "active" && <EndOverlapButton token={{ id: token.id, title: token.title }} />}
                </span>
              </DetailRow>
              <DetailRow label={t("detail.previousLastUsed")}>{previous.lastUsedAt ? <LocalTime iso={previous.lastUsedAt} /> : never}</DetailRow>
            </>
          )}
          <DetailRow label={t("detail.lastUsed")}>{lastUsed}</DetailRow>
          <DetailRow label={t("detail.exchanges")}>
            {exchangesText}
          </DetailRow>
          <DetailRow label={t("detail.deviceGroup")}>{deviceGroup ?? none}</DetailRow>
          <DetailRow label={t("detail.status")}>
            <TokenStatusBadge status={token.status} />
          </DetailRow>
        </dl>
      </section>

      <section aria-labelledby="ips-heading" className="mb-8">
        <h2 id="ips-heading" className="mb-2 text-lg font-semibold">
          {t("detail.allowedIpsHeading")}
        </h2>
        {allowsEveryAddress(token.allowedIps) ? (
          <p className="text-sm">{t("anyIp.label")}</p>
        ) : (
          <ul aria-label={t("detail.allowedIpsHeading")} className="flex flex-wrap gap-2">
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
          {t("detail.permissionsHeading")}
        </h2>
        <PermissionTable value={token.permissions} offered={token.permissions} readOnly caption={t("detail.permissionsCaption")} />
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-2 text-lg font-semibold">
          {t("detail.eventsHeading")}
        </h2>
        {tokenEvents.length === 0 ? (
          <p className="text-sm">{t("detail.noEvents")}</p>
        ) : (
          <EventTable items={tokenEvents} caption={t("detail.eventsCaption")} showTarget={false} />
        )}
      </section>
    </>
  );
}
