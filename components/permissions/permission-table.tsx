"use client";

import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { Button } from "@/components/ui/button";
import { PermissionEndpoints } from "./permission-endpoints";
import { asTranslator } from "@/lib/domain/message";
import { ALL_PERMISSIONS, FEATURES, featureMessageKey, permissionName, togglePermission, type Action, type FeatureKey, type Permission } from "@/lib/domain/permissions";

const ACTION_ORDER: Action[] = ["view", "manage", "perform", "run"];

/** Features, actions and permissions named in the viewer's language (the API keeps lib/domain's English labels). */
export function usePermissionNames() {
  const t = useTranslations("permissions");
  const root = asTranslator(useTranslations());
  return {
    t,
    feature: (key: FeatureKey) => root(featureMessageKey(key)),
    action: (a: Action) => t(`actions.${a}`),
    /** The accessible name of a permission checkbox: "View Device reports" / 「デバイスレポートの表示」. */
    permission: (p: Permission) => permissionName(root, p),
    /** Any message by its full key, e.g. a condition named in lib/domain/api-endpoints. */
    message: (key: string) => root(key),
  };
}

export function PermissionTable({
  value,
  onChange,
  offered = ALL_PERMISSIONS,
  readOnly = false,
  caption,
}: {
  value: Permission[];
  onChange?: (next: Permission[]) => void;
  offered?: readonly Permission[];
  readOnly?: boolean;
  caption: string;
}) {
  const names = usePermissionNames();
  const { t } = names;
  const offeredSet = new Set<Permission>(offered);
  const checked = new Set<Permission>(value);
  const rows = FEATURES.map((f) => ({
    feature: f,
    perms: (f.actions as readonly Action[]).map((a) => `${f.key}.${a}` as Permission).filter((p) => offeredSet.has(p)),
  })).filter((r) => r.perms.length > 0);
  // Only action columns that at least one offered row uses, so the grid stays narrow.
  const columns = ACTION_ORDER.filter((a) => rows.some((r) => r.perms.some((p) => p.endsWith(`.${a}`))));
  const disabled = readOnly || !onChange;

  const toggle = (p: Permission, on: boolean) => {
    if (!onChange) return;
    // Toggling must never add a permission outside the offered set (Manage⇒View when only Manage is offered).
    onChange(togglePermission(value, p, on).filter((x) => offeredSet.has(x) || checked.has(x)));
  };

  return (
    <div className="space-y-3">
      {/* relative: radix's hidden form inputs are absolutely positioned; this keeps them inside the box.
          Below the sm breakpoint the grid becomes a stacked list: each feature on its own line, its
          checkboxes under it with their action names beside them (max-sm: classes), so nothing
          scrolls sideways at 360 px. */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm max-sm:block dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <thead className="max-sm:sr-only">
            <tr>
              <th scope="col" className="bg-slate-50 px-3 py-2 font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                {t("feature")}
              </th>
              {columns.map((a) => (
                <th key={a} scope="col" className="bg-slate-50 px-3 py-2 text-center font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                  {names.action(a)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 max-sm:block dark:divide-slate-800">
            {rows.map(({ feature, perms }) => (
              <tr key={feature.key} className="max-sm:flex max-sm:flex-wrap max-sm:gap-x-5 max-sm:gap-y-2 max-sm:px-3 max-sm:py-2">
                <th scope="row" className="px-3 py-2 align-top font-normal max-sm:w-full max-sm:p-0 max-sm:font-medium">
                  <span className="whitespace-nowrap">{names.feature(feature.key)}</span>
                  <PermissionEndpoints feature={names.feature(feature.key)} perms={perms} names={names} />
                </th>
                {columns.map((a) => {
                  const p = perms.find((x) => x.endsWith(`.${a}`));
                  return (
                    <td key={a} className={p ? "px-3 py-2 max-sm:p-0" : "px-3 py-2 max-sm:hidden"}>
                      {p && (
                        <div className="flex items-center justify-center gap-2 max-sm:justify-start">
                          <Checkbox
                            aria-label={names.permission(p)}
                            checked={checked.has(p)}
                            disabled={disabled}
                            onCheckedChange={(state) => toggle(p, state === true)}
                          />
                          {/* The column header, which the stacked list hides; the checkbox already has the full name. */}
                          <span aria-hidden className="sm:hidden">
                            {names.action(a)}
                          </span>
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" disabled={!onChange} onClick={() => onChange?.(ALL_PERMISSIONS.filter((p) => offeredSet.has(p)))}>
            {t("selectAll")}
          </Button>
          <Button variant="secondary" size="sm" disabled={!onChange} onClick={() => onChange?.([])}>
            {t("clearAll")}
          </Button>
        </div>
      )}
    </div>
  );
}
