"use client";

import dynamic from "next/dynamic";
import { Dialog } from "@/components/ui/dialog";
import type { UserListItem } from "@/lib/data/users";

// The form (react-hook-form) loads when the dialog opens.
const ChangeRoleForm = dynamic(() => import("./change-role-form").then((m) => m.ChangeRoleForm));

/** Moves a user to another role; takes effect on their next request (and their tokens' next call). */
export function ChangeRoleDialog({ user, roles, onClose }: { user: UserListItem | null; roles: { id: number; name: string }[]; onClose: () => void }) {
  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && onClose()}>
      {user && <ChangeRoleForm key={user.id} user={user} roles={roles} onDone={onClose} />}
    </Dialog>
  );
}
