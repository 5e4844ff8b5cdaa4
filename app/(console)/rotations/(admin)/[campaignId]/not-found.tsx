import { RefreshCcw } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

export default async function CampaignNotFound() {
  const t = await getTranslations("campaigns.notFound");
  return <StatusPage icon={<RefreshCcw className="size-10" aria-hidden />} heading={t("title")} body={t("description")} link={{ href: "/rotations", label: t("back") }} />;
}
