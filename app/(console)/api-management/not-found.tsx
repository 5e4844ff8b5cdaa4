import { KeyRound } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

// The same page for a missing token and for another user's token: nothing tells them apart.
export default async function TokenNotFound() {
  const t = await getTranslations("tokens.notFound");
  return <StatusPage icon={<KeyRound className="size-10" aria-hidden />} heading={t("title")} body={t("description")} link={{ href: "/api-management", label: t("back") }} />;
}
