import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

// The API's OpenAPI document, rendered for every signed-in user: it describes how programs call
// the API, nothing about this deployment's data.
export default async function ApiReferencePage() {
  await requirePageActor();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every endpoint, its required permissions and its errors. The same document as JSON:{" "}
            <a href="/openapi.json" className="font-medium text-brand-700 underline dark:text-brand-100">
              /openapi.json
            </a>
          </>
        }
      />
      <ApiReference />
    </>
  );
}
