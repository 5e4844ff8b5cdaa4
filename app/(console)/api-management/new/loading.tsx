import { getTranslations } from "next-intl/server";
import { LoadingRows } from "@/components/ui/page";

export default async function Loading() {
  const t = await getTranslations("tokens.create");
  return <LoadingRows label={t("loading")} />;
}
