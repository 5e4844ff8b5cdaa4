import { getTranslations } from "next-intl/server";
import { LoadingRows } from "@/components/ui/page";

// In a route group so this boundary wraps the list only: /new and /<token ID> decide their
// 403 and 404 in layouts that must run before anything streams.
export default async function Loading() {
  const t = await getTranslations("tokens.list");
  return <LoadingRows label={t("loadingPage")} />;
}
