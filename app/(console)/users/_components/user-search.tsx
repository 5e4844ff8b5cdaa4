"use client";

import Form from "next/form";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/** Search by name or email: a GET form, so the result is a shareable /users?q=… page. */
export function UserSearch({ q }: { q: string }) {
  const t = useTranslations();
  return (
    <Form action="/users" role="search" aria-label={t("users.search.region")} className="mb-4 flex flex-wrap items-end gap-2">
      <Field label={t("users.search.label")} className="min-w-0 flex-1 sm:max-w-sm">
        {(p) => <input {...p} name="q" type="search" defaultValue={q} maxLength={100} placeholder={t("users.search.placeholder")} className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary">
        <Search className="size-4" aria-hidden />
        {t("common.search")}
      </Button>
    </Form>
  );
}
