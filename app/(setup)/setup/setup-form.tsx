"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { applyFieldErrors } from "@/components/form-errors";
import { setupSchema, type SetupInput } from "@/lib/domain/schemas";
import { setupAction } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await setupAction(values);
    if (!result.ok) {
      setFormError(result.error);
      applyFieldErrors(form.setError, result.fieldErrors);
      return;
    }
    router.replace("/api-management");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field label="Name" error={errors.name?.message}>
        {(p) => <input {...p} {...form.register("name")} autoComplete="name" className={inputClass} />}
      </Field>
      <Field label="Email" error={errors.email?.message}>
        {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="email" className={inputClass} />}
      </Field>
      <Field label="Password" description="At least 12 characters." error={errors.password?.message}>
        {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label="Confirm password" error={errors.confirmPassword?.message}>
        {(p) => <input {...p} {...form.register("confirmPassword")} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Creating administrator…" : "Create administrator"}
      </Button>
    </form>
  );
}
