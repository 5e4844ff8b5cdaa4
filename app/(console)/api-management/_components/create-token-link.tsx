"use client";

import { useTranslations } from "next-intl";
import { NewItemLink } from "@/components/ui/new-item-link";

/** The "Create token" button: in the page header, and in the empty list. */
export function CreateTokenLink() {
  const t = useTranslations("tokens.list");
  return <NewItemLink href="/api-management/new">{t("createToken")}</NewItemLink>;
}
