"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import { useServerAction } from "@/components/hooks/use-server-action";
import { UNREACHABLE_MESSAGE } from "@/components/hooks/call-server-action";
import { useMessageText } from "@/components/hooks/use-message-text";
import { toast } from "@/components/ui/toast";
import { useAnyIpConfirmation } from "@/components/tokens/any-ip-confirm";
import { expiryBounds } from "@/lib/domain/expiry";
import type { Permission } from "@/lib/domain/permissions";
import { lazyResolver } from "@/components/hooks/lazy-resolver";
import type { CreateTokenInput, CreateTokenValues } from "@/lib/domain/token-schemas";
import { createTokenAction } from "../actions";

const subscribeNothing = () => () => {};

/**
 * The one-time reveal dialog loads with the first submission, not with the form, and before the
 * token is created: the secret it shows is never waiting on (or lost to) a download.
 */
export const loadRevealDialog = () => import("@/components/tokens/reveal-dialog");

/** The creation form's state: its fields, the one-shot submission and the created token to reveal. */
export function useCreateToken(offered: Permission[]) {
  const router = useRouter();
  const text = useMessageText();
  // One key per form mount: a replayed submission of this form creates no second token.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm<CreateTokenInput, unknown, CreateTokenValues>({
    resolver: lazyResolver(() => import("@/components/hooks/form-resolvers").then((m) => m.createTokenResolver)),
    defaultValues: {
      title: "",
      description: "",
      tokenType: "generated",
      publicKey: "",
      // Set on mount from the browser's zone: "90 days from today" is the user's today.
      expiresOn: "",
      timeZone: "UTC",
      permissions: [...offered],
      allowedIps: [],
      confirmOpenRange: false,
    },
  });

  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    form.setValue("timeZone", timeZone);
    if (!form.getValues("expiresOn")) form.setValue("expiresOn", expiryBounds(timeZone).default);
  }, [form]);

  const create = useServerAction((values: CreateTokenInput) => createTokenAction(values, idempotencyKey), {
    form,
    invalidate: [["tokens"]],
  });
  const created = create.data ?? null;

  // Two quick submissions both pass the (async) validation; only the first may call the
  // server, or the second's "already created" reply would replace the first's result.
  const inFlight = useRef(false);
  const anyIp = useAnyIpConfirmation();
  // The server parses the raw form values with the same schema, so send those, not the
  // resolver's transformed output.
  async function save() {
    if (inFlight.current || created) return;
    inFlight.current = true;
    try {
      if (!(await loadRevealDialog().then(() => true, () => false))) {
        toast.error(text(UNREACHABLE_MESSAGE));
        return;
      }
      await create.run(form.getValues());
    } finally {
      inFlight.current = false;
    }
  }
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    void form.handleSubmit(() => anyIp.guard(form.getValues("allowedIps"), () => void save()))(event);
  }

  function closeReveal() {
    // Drop the only copies of the secret (the action's result) and leave without a history
    // entry that could bring this page, or its state, back.
    create.reset();
    router.replace("/api-management");
  }

  // Before hydration a click would submit the form natively, putting its fields in a URL.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const disabled = !hydrated || create.pending || Boolean(created);
  return { form, onSubmit, anyIpDialog: anyIp.dialog, created, closeReveal, disabled, creating: create.pending, error: create.error };
}
