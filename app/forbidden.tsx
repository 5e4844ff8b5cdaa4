import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

// Only console pages refuse with forbidden(), so this is always shown inside the shell's main.
export default async function Forbidden() {
  const t = await getTranslations("pages");
  return (
    <StatusPage
      icon={<ShieldAlert className="size-10" aria-hidden />}
      heading={t("forbidden.heading")}
      body={t("forbidden.body")}
      link={{ href: "/", label: t("home") }}
    />
  );
}
