import { requirePageActor } from "@/lib/auth/page-guard";
import { hasPermission } from "@/lib/auth/actor";
import { AppShell, type NavItem } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

// The signed-in shell. It only redirects and hides links; each page and action checks on its own.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const items: NavItem[] = [
    { href: "/api-management", label: "API management", icon: "key", show: hasPermission(actor, "api-credentials.view") },
    { href: "/events", label: "Event history", icon: "history", show: hasPermission(actor, "event-history.view") },
    { href: "/users", label: "Users", icon: "users", show: hasPermission(actor, "users-roles.manage") },
    { href: "/roles", label: "Roles", icon: "shield", show: hasPermission(actor, "users-roles.manage") },
    { href: "/outbox", label: "Outbox", icon: "mail", show: actor.isSystemAdmin },
    { href: "/docs/api", label: "API reference", icon: "book", show: true },
  ];
  return (
    <AppShell items={items.filter((i) => i.show)} user={{ name: actor.name, email: actor.email, role: actor.roleName ?? "No role" }}>
      {children}
    </AppShell>
  );
}
