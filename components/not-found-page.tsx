import { FileQuestion } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

/** The 404 page, in the console shell (landmark false) or on its own at an unknown address. */
export async function NotFoundPage({ landmark }: { landmark: boolean }) {
  const t = await getTranslations("pages");
  return (
    <StatusPage
      icon={<FileQuestion className="size-10" aria-hidden />}
      heading={t("notFound.heading")}
      body={t("notFound.body")}
      link={{ href: "/", label: t("home") }}
      landmark={landmark}
    />
  );
}
