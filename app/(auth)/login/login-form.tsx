"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { UNREACHABLE_MESSAGE } from "@/components/hooks/call-server-action";
import { useMessageText } from "@/components/hooks/use-message-text";
import { signInEmail } from "@/lib/auth/client";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { signInSchema } from "@/lib/domain/schemas";

type SignInInput = z.input<typeof signInSchema>;

/** `next`: the page that asked for sign-in, already checked to be a same-origin path. */
export function LoginForm({ next }: { next: string | null }) {
  const router = useRouter();
  const t = useTranslations("auth");
  const text = useMessageText();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.signInResolver)), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    // Sign-in goes to better-auth's endpoint, not a server action; a request that got no
    // answer still gets the same sentence as every other control.
    const response = await signInEmail(values.email, values.password).catch(() => null);
    if (!response) {
      toast.error(text(UNREACHABLE_MESSAGE));
      return;
    }
    const { error } = response;
    if (error) {
      // Unknown email, wrong password and a suspended account share one message, so sign-in
      // reveals neither accounts nor passwords; a throttled one says when to try again.
      if (error.status === 429) {
        const minutes = Math.max(1, Math.ceil(Number(error.retryAfterSeconds) / 60) || 1);
        setFormError(t("throttled", { minutes }));
      } else setFormError(t("badCredentials"));
      form.setValue("password", "");
      return;
    }
    router.replace(next ?? "/");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field label={t("signIn.email")} error={errors.email?.message}>
        {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="username" className={inputClass} />}
      </Field>
      <Field label={t("signIn.password")} error={errors.password?.message}>
        {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
