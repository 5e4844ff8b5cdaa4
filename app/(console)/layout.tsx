import { requirePageActor } from "@/lib/auth/page-guard";
import { mayOpenPage, type ConsolePage } from "@/lib/domain/console-pages";
import { getTranslations } from "next-intl/server";
import { AppShell, type NavItem } from "@/components/shell/app-shell";
import { getRoleNamer } from "@/lib/i18n/role-name";
import { pendingRotationSummary } from "@/lib/data/rotation-due";
import { RotationBanner } from "./_components/rotation-banner";

export const dynamic = "force-dynamic";

// The signed-in shell. It only redirects and hides links; each page and action checks on its own.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const t = await getTranslations("nav");
  const roleName = await getRoleNamer();
  const items: (NavItem & { href: ConsolePage })[] = [
    { href: "/api-management", label: t("apiManagement"), icon: "key" },
    { href: "/rotations", label: t("keyRotation"), icon: "rotate" },
    { href: "/events", label: t("eventHistory"), icon: "history" },
    { href: "/users", label: t("users"), icon: "users" },
    { href: "/roles", label: t("roles"), icon: "shield" },
    { href: "/outbox", label: t("outbox"), icon: "mail" },
    { href: "/docs/api", label: t("apiReference"), icon: "book" },
  ];
  const pending = await pendingRotationSummary(actor.id);
  const banner = pending && <RotationBanner count={pending.count} deadlineOn={pending.deadlineOn} showTokens={mayOpenPage(actor, "/api-management")} />;
  return (
    <AppShell items={items.filter((i) => mayOpenPage(actor, i.href))} banner={banner} user={{ name: actor.name, email: actor.email, role: actor.roleName === null ? t("noRole") : roleName({ name: actor.roleName, builtIn: actor.isSystemAdmin }) }}>
      {children}
    </AppShell>
  );
}
