"use client";

import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useServerAction } from "@/components/hooks/use-server-action";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { SetupInput } from "@/lib/domain/schemas";
import { setupAction } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const t = useTranslations("setup");
  const form = useForm<SetupInput>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.setupResolver)),
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
  });
  const { errors } = form.formState;
  const setup = useServerAction(setupAction, { form, onSuccess: () => router.replace("/api-management") });
  const onSubmit = form.handleSubmit((values) => setup.run(values));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={setup.error} />
      <Field label={t("name")} error={errors.name?.message}>
        {(p) => <input {...p} {...form.register("name")} autoComplete="name" className={inputClass} />}
      </Field>
      <Field label={t("email")} error={errors.email?.message}>
        {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="email" className={inputClass} />}
      </Field>
      <Field label={t("password")} description={t("passwordHint")} error={errors.password?.message}>
        {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label={t("confirmPassword")} error={errors.confirmPassword?.message}>
        {(p) => <input {...p} {...form.register("confirmPassword")} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Button type="submit" disabled={setup.pending} className="w-full">
        {setup.pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
