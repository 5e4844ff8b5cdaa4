"use server";

import { hashPassword } from "better-auth/crypto";
import { guardedAction } from "@/lib/auth/action";
import { changeUserRole, createUser, deleteUser, reactivateUser, suspendUser } from "@/lib/data/users";
import { changeUserRoleSchema, createUserSchema, userIdSchema } from "@/lib/domain/user-schemas";

// Each action is a public POST endpoint: guardedAction checks the session, the permission and
// the input; lib/data enforces the rules (self, last administrator) inside the transaction.

// Add user: the password is hashed here, before the write transaction opens.
export const createUserAction = guardedAction({ permission: "users-roles.manage", schema: createUserSchema }, async (input, actor) => {
  const passwordHash = await hashPassword(input.initialPassword);
  return createUser(actor, { email: input.email, name: input.name, roleId: input.roleId, deviceGroupIds: input.deviceGroupIds, passwordHash });
});

// Suspend: the user's sessions end in the same transaction.
export const suspendUserAction = guardedAction({ permission: "users-roles.manage", schema: userIdSchema }, (input, actor) =>
  suspendUser(actor, input.userId),
);

export const reactivateUserAction = guardedAction({ permission: "users-roles.manage", schema: userIdSchema }, (input, actor) =>
  reactivateUser(actor, input.userId),
);

export const deleteUserAction = guardedAction({ permission: "users-roles.manage", schema: userIdSchema }, (input, actor) =>
  deleteUser(actor, input.userId),
);

export const changeUserRoleAction = guardedAction({ permission: "users-roles.manage", schema: changeUserRoleSchema }, (input, actor) =>
  changeUserRole(actor, input.userId, input.roleId),
);
