import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/query-provider";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ApiReference } from "./api-reference";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("docs");
  return { title: t("title") };
}

// The API's OpenAPI document, rendered for every signed-in user: it describes how programs call
// the API, nothing about this deployment's data.
export default async function ApiReferencePage() {
  await requirePageActor();
  const t = await getTranslations("docs");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", {
          link: (chunks) => (
            <a href="/openapi.json" className="font-medium text-brand-700 underline dark:text-brand-100">
              {chunks}
            </a>
          ),
        })}
      />
      <QueryProvider>
        <ApiReference />
      </QueryProvider>
    </>
  );
}
