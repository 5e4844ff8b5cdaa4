"use client";

import { useState, type ComponentType } from "react";
import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import type { UserMenuProps } from "./user-menu";

// The user menu (Radix's dropdown: menu, popper, scroll lock; about 30 KB gzip) is fetched when
// its button is first pointed at, focused or pressed, not with every page.
const loadMenu = () => import("./user-menu");

/** Same look and name as the menu's button, and the same keys and pointer press that open it. */
export function LazyUserMenu({ user }: { user: UserMenuProps["user"] }) {
  const t = useTranslations("shell");
  const [Menu, setMenu] = useState<ComponentType<UserMenuProps> | null>(null);
  const [asked, setAsked] = useState({ open: false, focus: false });

  function load() {
    void loadMenu().then((m) => setMenu(() => m.UserMenu));
  }
  function open() {
    setAsked((a) => ({ ...a, open: true }));
    load();
  }

  if (Menu) return <Menu user={user} defaultOpen={asked.open} autoFocus={asked.focus} />;
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      aria-label={t("userMenu", { name: user.name })}
      className="ml-auto flex shrink-0 items-center gap-1 rounded-md px-2 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      onPointerEnter={load}
      onFocus={() => {
        setAsked((a) => ({ ...a, focus: true }));
        load();
      }}
      onBlur={() => setAsked((a) => ({ ...a, focus: false }))}
      onPointerDown={(e) => {
        if (e.button === 0 && !e.ctrlKey) open();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
          e.preventDefault();
          open();
        }
      }}
    >
      <span className="max-w-[10rem] truncate">{user.name}</span>
      <ChevronDown className="size-4" aria-hidden />
    </button>
  );
}
