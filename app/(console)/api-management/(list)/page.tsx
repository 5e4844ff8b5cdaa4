import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/query-provider";
import { PageHeader } from "@/components/ui/page";
import { hasPermission } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listTokens } from "@/lib/data/tokens";
import { parseTokenListQuery } from "@/lib/domain/token-list-query";
import { CreateTokenLink } from "../_components/create-token-link";
import { TokenList } from "../_components/token-list";

export async function generateMetadata() {
  const t = await getTranslations("tokens.list");
  return { title: t("title") };
}

// The token list. Search, filter, sort and page live in the URL: the server renders the page the
// URL names, so a shared or reloaded link shows the same list; later changes run through
// listTokensAction, which checks the permission and scopes to the owner again.
export default async function ApiManagementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("api-credentials.view");
  const canManage = hasPermission(actor, "api-credentials.manage");
  const query = parseTokenListQuery(await searchParams);
  const initial = await listTokens({ actor, ...query });
  const t = await getTranslations("tokens.list");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={actor.isSystemAdmin ? t("descriptionAdmin") : t("descriptionOwn")}
        actions={canManage ? <CreateTokenLink /> : undefined}
      />
      <QueryProvider>
        <TokenList canManage={canManage} initial={initial} initialQuery={query} />
      </QueryProvider>
    </>
  );
}
