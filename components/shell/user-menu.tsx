"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { ChevronDown, LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { signOut as endSession } from "@/lib/auth/client";
import { LanguageMenuItems } from "@/components/i18n/language-menu-items";

export interface UserMenuProps {
  user: { name: string; email: string; role: string };
  /** Opened at once: it was asked for before this module arrived (components/shell/lazy-user-menu.tsx). */
  defaultOpen?: boolean;
  /** Takes the focus at once: it replaces a button that had it. */
  autoFocus?: boolean;
}

/** The user menu: who is signed in, the language, Sign out. */
export function UserMenu({ user, defaultOpen = false, autoFocus = false }: UserMenuProps) {
  const router = useRouter();
  const t = useTranslations("shell");
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (autoFocus && !defaultOpen) trigger.current?.focus();
  }, [autoFocus, defaultOpen]);

  async function signOut() {
    await endSession();
    router.replace("/login");
    router.refresh();
  }

  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger
        ref={trigger}
        aria-label={t("userMenu", { name: user.name })}
        className="ml-auto flex shrink-0 items-center gap-1 rounded-md px-2 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span className="max-w-[10rem] truncate">{user.name}</span>
        <ChevronDown className="size-4" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <DropdownMenu.Label className="px-2 py-1.5 text-sm">
            <div className="font-medium">{user.name}</div>
            <div className="text-slate-600 dark:text-slate-300">{user.email}</div>
            <div className="text-xs text-slate-600 dark:text-slate-300">{user.role}</div>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <LanguageMenuItems />
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item
            onSelect={signOut}
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
          >
            <LogOut className="size-4" aria-hidden />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
