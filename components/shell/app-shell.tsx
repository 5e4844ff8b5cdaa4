"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { BookOpen, History, KeyRound, Mail, RefreshCcw, ShieldCheck, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { LazyUserMenu } from "./lazy-user-menu";
import { cn } from "@/components/ui/cn";

const ICONS = { key: KeyRound, rotate: RefreshCcw, history: History, users: Users, shield: ShieldCheck, mail: Mail, book: BookOpen };

export interface NavItem {
  href: string;
  label: string;
  icon: keyof typeof ICONS;
}

export function AppShell({
  items,
  user,
  banner,
  children,
}: {
  items: NavItem[];
  user: { name: string; email: string; role: string };
  /** A notice for this user above every page (a rotation campaign waiting for their tokens). */
  banner?: React.ReactNode;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const t = useTranslations("shell");

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold text-brand-700 dark:text-brand-100">
            <KeyRound className="size-5" aria-hidden />
            Keyward
          </Link>
          {/* On narrow screens the navigation takes a row of its own below the brand and user menu,
              and its links wrap onto more lines rather than hide past the edge. */}
          <nav aria-label={t("mainNavigation")} className="order-last -mx-1 w-full min-w-0 md:order-none md:w-auto md:flex-1">
            <ul className="flex flex-wrap gap-1 px-1">
              {items.map((item) => {
                const Icon = ICONS[item.icon];
                const active = pathname === item.href || pathname.startsWith(item.href + "/");
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-1.5 whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium",
                        active
                          ? "bg-brand-50 text-brand-800 dark:bg-slate-800 dark:text-white"
                          : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                      )}
                    >
                      <Icon className="size-4" aria-hidden />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <LazyUserMenu user={user} />
        </div>
      </header>
      {banner}
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
