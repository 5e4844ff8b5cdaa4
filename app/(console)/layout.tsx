import { requirePageActor } from "@/lib/auth/page-guard";
import { hasPermission } from "@/lib/auth/actor";
import { getTranslations } from "next-intl/server";
import { AppShell, type NavItem } from "@/components/shell/app-shell";
import { getRoleNamer } from "@/lib/i18n/role-name";

export const dynamic = "force-dynamic";

// The signed-in shell. It only redirects and hides links; each page and action checks on its own.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const t = await getTranslations("nav");
  const roleName = await getRoleNamer();
  const items: NavItem[] = [
    { href: "/api-management", label: t("apiManagement"), icon: "key", show: hasPermission(actor, "api-credentials.view") },
    { href: "/events", label: t("eventHistory"), icon: "history", show: hasPermission(actor, "event-history.view") },
    { href: "/users", label: t("users"), icon: "users", show: hasPermission(actor, "users-roles.manage") },
    { href: "/roles", label: t("roles"), icon: "shield", show: hasPermission(actor, "users-roles.manage") },
    { href: "/outbox", label: t("outbox"), icon: "mail", show: actor.isSystemAdmin },
    { href: "/docs/api", label: t("apiReference"), icon: "book", show: true },
  ];
  return (
    <AppShell items={items.filter((i) => i.show)} user={{ name: actor.name, email: actor.email, role: actor.roleName === null ? t("noRole") : roleName({ name: actor.roleName, builtIn: actor.isSystemAdmin }) }}>
      {children}
    </AppShell>
  );
}
