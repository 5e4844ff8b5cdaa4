import { useTranslations } from "next-intl";
import { LoadingRows } from "@/components/ui/page";

export default function Loading() {
  const t = useTranslations("roles");
  return <LoadingRows label={t("loading")} />;
}
