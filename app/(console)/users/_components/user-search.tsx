"use client";

import Form from "next/form";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/** Search by name or email: a GET form, so the result is a shareable /users?q=… page. */
export function UserSearch({ q }: { q: string }) {
  return (
    <Form action="/users" role="search" aria-label="Users" className="mb-4 flex flex-wrap items-end gap-2">
      <Field label="Search users" className="min-w-0 flex-1 sm:max-w-sm">
        {(p) => <input {...p} name="q" type="search" defaultValue={q} maxLength={100} placeholder="Name or email" className={inputClass} />}
      </Field>
      <Button type="submit" variant="secondary">
        <Search className="size-4" aria-hidden />
        Search
      </Button>
    </Form>
  );
}
