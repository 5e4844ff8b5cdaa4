import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/query-provider";
import { Badge, PageHeader } from "@/components/ui/page";
import { apiOverview } from "@/lib/api/openapi";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ApiReference } from "./api-reference";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("docs");
  return { title: t("title") };
}

// The API's OpenAPI document, rendered for every signed-in user: it describes how programs call
// the API, nothing about this deployment's data. Every endpoint is listed on the server; the full
// renderer (Scalar: schemas, errors, code samples) is large and slow to start, so it loads when
// asked for rather than with the page.
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
      <section aria-labelledby="endpoints" className="mb-8">
        <h2 id="endpoints" className="text-lg font-semibold">
          {t("endpoints")}
        </h2>
        {/* The document's own words: the API is English (the description says so in Japanese). */}
        <div lang="en" className="mt-3 grid gap-6 md:grid-cols-2">
          {apiOverview().map((group) => (
            <div key={group.tag}>
              <h3 className="font-medium">{group.tag}</h3>
              <p className="text-sm text-slate-600 dark:text-slate-300">{group.description}</p>
              <ul className="mt-2 space-y-1 text-sm">
                {group.operations.map((op) => (
                  <li key={`${op.method} ${op.path}`} className="flex flex-wrap items-baseline gap-x-2">
                    <Badge tone={op.method === "GET" ? "blue" : "green"}>{op.method}</Badge>
                    <code className="break-all">{op.path}</code>
                    <span className="text-slate-600 dark:text-slate-300">{op.summary}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="full-reference">
        <h2 id="full-reference" className="text-lg font-semibold">
          {t("fullReference")}
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{t("fullReferenceHint")}</p>
        <QueryProvider>
          <ApiReference />
        </QueryProvider>
      </section>
    </>
  );
}
