import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { deviceScopeExplanation, deviceScopeFor } from "@/lib/data/tokens";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "Create token" };
// Always rendered per request (never cached), like the action response that carries the secret.
export const dynamic = "force-dynamic";

// The creation form. It offers only the creator's own permissions; createTokenAction checks
// the permission, the schema and the role cap again on the server.
export default async function NewTokenPage() {
  const actor = await requirePageActor("api-credentials.manage");
  const scope = deviceScopeFor(actor.deviceGroups);
  return (
    <>
      <PageHeader title="Create token" description="A token lets a program call the Keyward API with the permissions you choose here." />
      <CreateTokenForm
        offered={actor.permissions}
        deviceGroup={{ name: scope.groupName, explanation: deviceScopeExplanation(scope) }}
      />
    </>
  );
}
