"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/field";

/** The "Role" select of the user forms; `placeholder` adds a disabled first option, shown until a role is chosen. */
export function RoleField({
  roles,
  registration,
  error,
  placeholder,
}: {
  roles: { id: number; name: string }[];
  registration: UseFormRegisterReturn;
  error?: string;
  placeholder?: string;
}) {
  const t = useTranslations("users");
  return (
    <Field label={t("role")} error={error}>
      {(p) => (
        <select {...p} {...registration} defaultValue={placeholder === undefined ? undefined : ""} className={inputClass}>
          {placeholder !== undefined && (
            <option value="" disabled>
              {placeholder}
            </option>
          )}
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
