"use client";

import { useId, useState } from "react";
import { useLocale } from "next-intl";
import { ChevronRight } from "lucide-react";
import { ENDPOINTS_BY_PERMISSION } from "@/lib/domain/api-endpoints";
import type { Action, Permission } from "@/lib/domain/permissions";
import type { usePermissionNames } from "./permission-table";

// A middle dot before each note on an endpoint, drawn by CSS so it is no text of its own.
const SEPARATED = "before:mx-1 before:content-['·']";

/**
 * Under a feature's name: the API endpoints its permissions open (lib/domain/api-endpoints, the
 * list the API itself checks), behind a disclosure so the table stays compact, so an
 * administrator can grant the least a program needs.
 */
export function PermissionEndpoints({ feature, perms, names }: { feature: string; perms: readonly Permission[]; names: ReturnType<typeof usePermissionNames> }) {
  const { t } = names;
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState(false);
  const entries = perms.flatMap((p) => (ENDPOINTS_BY_PERMISSION.get(p) ?? []).map((e) => ({ permission: p, ...e })));
  if (entries.length === 0) return <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{t("endpoints.none")}</p>;
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  return (
    <div className="mt-0.5 text-xs">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-1 rounded text-brand-700 underline underline-offset-2 dark:text-brand-100"
      >
        <ChevronRight className={`size-3 transition-transform ${open ? "rotate-90" : ""}`} aria-hidden />
        {t("endpoints.summary", { count: entries.length })}
        <span className="sr-only">{t("endpoints.of", { feature })}</span>
      </button>
      <ul id={id} hidden={!open} className="mt-1 space-y-1 text-slate-700 dark:text-slate-300">
        {entries.map((e) => (
          <li key={`${e.permission} ${e.method} ${e.path}`}>
            <span className="font-medium">{names.action(e.permission.split(".")[1] as Action)}</span>{" "}
            <code className="break-all font-mono">
              {e.method} {e.path}
            </code>
            {e.alsoNeeds.length > 0 && <span className={SEPARATED}>{t("endpoints.alsoNeeds", { permissions: list.format(e.alsoNeeds.map(names.permission)) })}</span>}
            {e.when && <span className={SEPARATED}>{names.message(e.when)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
