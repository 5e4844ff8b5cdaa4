"use server";

import { guardedAction } from "@/lib/auth/action";
import { createRole, deleteRole, updateRole } from "@/lib/data/roles";
import { roleIdSchema, roleSchema, updateRoleSchema } from "@/lib/domain/user-schemas";

// Public POST endpoints: guardedAction checks session, permission and input; lib/data refuses
// changes to the built-in role, duplicate names and deleting a role that users hold.

export const createRoleAction = guardedAction({ permission: "users-roles.manage", schema: roleSchema }, (input, actor) => createRole(actor, input));

export const updateRoleAction = guardedAction({ permission: "users-roles.manage", schema: updateRoleSchema }, (input, actor) => updateRole(actor, input));

export const deleteRoleAction = guardedAction({ permission: "users-roles.manage", schema: roleIdSchema }, (input, actor) =>
  deleteRole(actor, input.roleId),
);
