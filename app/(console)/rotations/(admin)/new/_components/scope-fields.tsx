"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Controller, useWatch, type UseFormReturn } from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError, inputClass } from "@/components/ui/field";
import type { CampaignUserOption } from "@/lib/data/campaigns";
import { MAX_SCOPE_DAYS, MIN_SCOPE_DAYS } from "@/lib/domain/campaign";
import type { NewCampaignInput, NewCampaignValues } from "@/lib/domain/campaign-schemas";

type CampaignForm = UseFormReturn<NewCampaignInput, unknown, NewCampaignValues>;

/** Scope: every live token, those whose secret is older than N days, or those of chosen users. */
export function ScopeFields({ form, users }: { form: CampaignForm; users: CampaignUserOption[] }) {
  const t = useTranslations("campaigns.new");
  const kind = useWatch({ control: form.control, name: "scope.kind" });
  const errors = form.formState.errors.scope;
  const daysId = useId();
  const kindField = form.register("scope.kind");
  return (
    <fieldset className="min-w-0 space-y-2">
      <legend className="text-sm font-medium">{t("scopeLegend")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" value="all" {...kindField} />
        {t("scopeAll")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" value="older_than" {...kindField} />
        {t("scopeOlderThan")}
      </label>
      {kind === "older_than" && (
        <div className="ml-6 max-w-48 space-y-1">
          <label htmlFor={daysId} className="block text-sm font-medium">
            {t("daysLabel")}
          </label>
          <input
            id={daysId}
            type="number"
            inputMode="numeric"
            min={MIN_SCOPE_DAYS}
            max={MAX_SCOPE_DAYS}
            step={1}
            aria-invalid={errors?.days ? true : undefined}
            aria-describedby={errors?.days ? `${daysId}-err` : undefined}
            {...form.register("scope.days", { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })}
            className={inputClass}
          />
          <FieldError id={`${daysId}-err`} message={errors?.days?.message} />
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" value="users" {...kindField} />
        {t("scopeUsers")}
      </label>
      {kind === "users" && (
        <Controller
          control={form.control}
          name="scope.userIds"
          render={({ field }) => <UserPicker users={users} value={field.value ?? []} onChange={field.onChange} error={errors?.userIds?.message} />}
        />
      )}
      <FieldError message={errors?.kind?.message} />
    </fieldset>
  );
}

/** A filterable checkbox list of users, each labelled by name and email. */
function UserPicker({ users, value, onChange, error }: { users: CampaignUserOption[]; value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const t = useTranslations("campaigns.new");
  const id = useId();
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLowerCase();
  const shown = q ? users.filter((u) => u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)) : users;
  const chosen = new Set(value);
  return (
    <fieldset className="ml-6 min-w-0 space-y-2" aria-describedby={`${id}-count${error ? ` ${id}-err` : ""}`}>
      <legend className="text-sm font-medium">{t("usersLegend")}</legend>
      <div className="max-w-sm space-y-1">
        <label htmlFor={`${id}-filter`} className="block text-xs text-slate-600 dark:text-slate-400">
          {t("usersFilter")}
        </label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className={inputClass} />
      </div>
      <p id={`${id}-count`} className="text-xs text-slate-600 dark:text-slate-400">
        {t("usersChosen", { count: chosen.size })}
      </p>
      <ul className="max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-800">
        {shown.map((u) => (
          <li key={u.id} className="flex items-center gap-2 text-sm">
            <Checkbox
              id={`${id}-${u.id}`}
              checked={chosen.has(u.id)}
              onCheckedChange={(checked) => onChange(checked === true ? [...value, u.id] : value.filter((v) => v !== u.id))}
            />
            <label htmlFor={`${id}-${u.id}`} className="min-w-0 break-words">
              {u.name} <span className="text-slate-600 dark:text-slate-400">({u.email})</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">{t("usersNone")}</li>}
      </ul>
      <FieldError id={`${id}-err`} message={error} />
    </fieldset>
  );
}
