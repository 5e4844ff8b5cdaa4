import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/page";
import { Button } from "@/components/ui/button";

// The same page for a missing token and for another user's token: nothing tells them apart.
export default async function TokenNotFound() {
  const t = await getTranslations("tokens.notFound");
  return (
    <EmptyState
      title={t("title")}
      description={t("description")}
      action={
        <Button asChild variant="secondary">
          <Link href="/api-management">{t("back")}</Link>
        </Button>
      }
    />
  );
}
