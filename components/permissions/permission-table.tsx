"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Button } from "@/components/ui/button";
import {
  ACTION_LABELS,
  ALL_PERMISSIONS,
  FEATURES,
  permissionLabel,
  togglePermission,
  type Action,
  type Permission,
} from "@/lib/domain/permissions";

const ACTION_ORDER: Action[] = ["view", "manage", "perform", "run"];

/**
 * The permission grid used by roles and tokens: one row per feature, one column per action.
 * Checking Manage checks View and unchecking View unchecks Manage (togglePermission), so the
 * value handed to onChange is always normalised.
 */
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
      {/* relative: radix's hidden form inputs are absolutely positioned; this keeps them inside the scroll box at 360 px. */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="bg-slate-50 px-3 py-2 font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                Feature
              </th>
              {columns.map((a) => (
                <th key={a} scope="col" className="bg-slate-50 px-3 py-2 text-center font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                  {ACTION_LABELS[a]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.map(({ feature, perms }) => (
              <tr key={feature.key}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
                  {feature.label}
                </th>
                {columns.map((a) => {
                  const p = perms.find((x) => x.endsWith(`.${a}`));
                  return (
                    <td key={a} className="px-3 py-2">
                      {p && (
                        <div className="flex justify-center">
                          <Checkbox
                            aria-label={permissionLabel(p)}
                            checked={checked.has(p)}
                            disabled={disabled}
                            onCheckedChange={(state) => toggle(p, state === true)}
                          />
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
            Select all
          </Button>
          <Button variant="secondary" size="sm" disabled={!onChange} onClick={() => onChange?.([])}>
            Clear all
          </Button>
        </div>
      )}
    </div>
  );
}
