"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";

type Option = { id: number; name: string };

// The form (react-hook-form, checkboxes) loads when the dialog opens.
const AddUserForm = dynamic(() => import("./add-user-form").then((m) => m.AddUserForm));

/** "Add user": a dialog with the new user's email, name, role, device groups and initial password. */
export function AddUserDialog({ roles, deviceGroups }: { roles: Option[]; deviceGroups: Option[] }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("users.add");
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden />
          {t("button")}
        </Button>
      </DialogTrigger>
      {open && <AddUserForm roles={roles} deviceGroups={deviceGroups} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}
