import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { deviceScopeExplanation, deviceScopeFor } from "@/lib/data/tokens";
import { asTranslator, translateMessage } from "@/lib/domain/message";
import { CreateTokenForm } from "./create-token-form";

export async function generateMetadata() {
  const t = await getTranslations("tokens.create");
  return { title: t("metaTitle") };
}
// Always rendered per request (never cached), like the action response that carries the secret.
export const dynamic = "force-dynamic";

// The creation form. It offers only the creator's own permissions; createTokenAction checks
// the permission, the schema and the role cap again on the server.
export default async function NewTokenPage() {
  const actor = await requirePageActor("api-credentials.manage");
  const scope = deviceScopeFor(actor.deviceGroups);
  const t = await getTranslations("tokens");
  const text = asTranslator(await getTranslations());
  // "All" and "none" are stored in English (the token's snapshot); the form names them in the viewer's language.
  const groupName = scope.scope === "group" ? scope.groupName : t(`deviceScope.${scope.scope}`);
  return (
    <>
      <PageHeader title={t("create.title")} description={t("create.description")} />
      <CreateTokenForm offered={actor.permissions} deviceGroup={{ name: groupName, explanation: translateMessage(text, deviceScopeExplanation(scope)) }} />
    </>
  );
}
