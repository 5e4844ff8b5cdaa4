"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog, DialogContent, DialogFormActions } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { applyFieldErrors } from "@/components/form-errors";
import type { UserListItem } from "@/lib/data/users";
import { changeUserRoleSchema, type ChangeUserRoleInput } from "@/lib/domain/user-schemas";
import { changeUserRoleAction } from "../actions";

/** Moves a user to another role; takes effect on their next request (and their tokens' next call). */
export function ChangeRoleDialog({ user, roles, onClose }: { user: UserListItem | null; roles: { id: number; name: string }[]; onClose: () => void }) {
  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && onClose()}>
      {user && (
        <DialogContent title={`Change role for ${user.name}`} description="The new role applies from the user’s next request, and narrows their API tokens at once.">
          <ChangeRoleForm key={user.id} user={user} roles={roles} onDone={onClose} />
        </DialogContent>
      )}
    </Dialog>
  );
}

function ChangeRoleForm({ user, roles, onDone }: { user: UserListItem; roles: { id: number; name: string }[]; onDone: () => void }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChangeUserRoleInput>({
    resolver: zodResolver(changeUserRoleSchema),
    defaultValues: { userId: user.id, roleId: user.roleId ?? undefined },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await changeUserRoleAction(values);
      if (!result.ok) {
        setFormError(result.error);
        applyFieldErrors(form.setError, result.fieldErrors);
        return;
      }
      toast.success(result.data.changed ? `${user.name}’s role was changed.` : `${user.name} already has that role.`);
      router.refresh();
      onDone();
    } catch {
      setFormError("Keyward couldn’t be reached. Check your connection and try again.");
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field label="Role" error={errors.roleId?.message}>
        {(p) => (
          <select {...p} {...form.register("roleId", { valueAsNumber: true })} className={inputClass}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DialogFormActions pending={isSubmitting} pendingLabel="Saving…" submitLabel="Save role" />
    </form>
  );
}
