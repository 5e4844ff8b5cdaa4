import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page";
import { hasPermission } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listTokens } from "@/lib/data/tokens";
import { CreateTokenLink } from "../_components/create-token-link";
import { TokenList } from "../_components/token-list";

export async function generateMetadata() {
  const t = await getTranslations("tokens.list");
  return { title: t("title") };
}

// The token list. The first page is rendered on the server; search, filter and paging run
// through listTokensAction, which checks the permission and scopes to the owner again.
export default async function ApiManagementPage() {
  const actor = await requirePageActor("api-credentials.view");
  const canManage = hasPermission(actor, "api-credentials.manage");
  const initial = listTokens({ actor, page: 1 });
  const t = await getTranslations("tokens.list");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={actor.isSystemAdmin ? t("descriptionAdmin") : t("descriptionOwn")}
        actions={canManage ? <CreateTokenLink /> : undefined}
      />
      <TokenList canManage={canManage} initial={initial} />
    </>
  );
}
