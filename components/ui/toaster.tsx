"use client";

import { useTranslations } from "next-intl";
import { Toaster as Sonner } from "sonner";

export default function Toaster() {
  const t = useTranslations("ui");
  // At the bottom: at the top they covered the header's language switch and Sign out.
  // Sonner names its region and close buttons in English unless told.
  return <Sonner closeButton position="bottom-right" customAriaLabel={t("notifications")} toastOptions={{ closeButtonAriaLabel: t("closeNotification") }} />;
}
