import { z } from "zod";
import { msg } from "./message";
import { normalizePermissions, unknownPermissions } from "./permissions";
import { emailAtom, newPasswordAtom, personNameAtom, roleNameAtom } from "./schemas";

// Users and roles: one schema per form, shared by the react-hook-form resolver and the server
// action that re-validates the same input.

const roleIdAtom = z
  .number({ error: msg("userRules.roleRequired") })
  .int(msg("userRules.roleRequired"))
  .positive(msg("userRules.roleRequired"));

const userIdAtom = z.string().trim().min(1, msg("userRules.userRequired")).max(64, msg("userRules.userRequired"));

export const createUserSchema = z.object({
  email: emailAtom,
  name: personNameAtom,
  roleId: roleIdAtom,
  deviceGroupIds: z
    .array(z.number().int().positive())
    .max(100, msg("userRules.tooManyDeviceGroups"))
    .transform((ids) => [...new Set(ids)]),
  initialPassword: newPasswordAtom,
});
export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUserValues = z.output<typeof createUserSchema>;

export const userIdSchema = z.object({ userId: userIdAtom });

export const changeUserRoleSchema = z.object({ userId: userIdAtom, roleId: roleIdAtom });
export type ChangeUserRoleInput = z.input<typeof changeUserRoleSchema>;

// Unknown entries are refused rather than trimmed: a tampered request should fail loudly.
const rolePermissionsAtom = z
  .array(z.string().max(100))
  .max(200)
  .superRefine((list, ctx) => {
    const unknown = unknownPermissions(list);
    if (unknown.length) ctx.addIssue({ code: "custom", message: msg("userRules.unknownPermission", { list: unknown.slice(0, 3).join(", ") }) });
  })
  .transform((list) => normalizePermissions(list))
  .refine((list) => list.length > 0, msg("userRules.permissionRequired"));

export const roleSchema = z.object({ name: roleNameAtom, permissions: rolePermissionsAtom });
export type RoleInput = z.input<typeof roleSchema>;
export type RoleValues = z.output<typeof roleSchema>;

export const updateRoleSchema = roleSchema.extend({ roleId: z.number().int().positive() });
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const roleIdSchema = z.object({ roleId: z.number().int().positive() });

/** The page number of a list from its search parameter: 1 for anything that isn't a positive integer. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}
