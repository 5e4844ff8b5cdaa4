import { z } from "zod";
import { msg } from "./message";

// Field atoms shared by the forms (react-hook-form resolver), the server actions and the API.
// Their messages are keys (msg), translated where they are shown.

export const emailAtom = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, msg("userRules.emailRequired"))
  .max(254, msg("userRules.emailTooLong"))
  .pipe(z.email({ message: msg("userRules.emailInvalid") }));

export const personNameAtom = z
  .string()
  .trim()
  .min(1, msg("userRules.nameRequired"))
  .max(100, msg("userRules.nameTooLong"))
  .refine((s) => !/[\r\n]/.test(s), msg("userRules.nameLineBreak"));

export const newPasswordAtom = z
  .string()
  .min(12, msg("userRules.passwordTooShort"))
  .max(256, msg("userRules.passwordTooLong"));

export const setupSchema = z
  .object({
    name: personNameAtom,
    email: emailAtom,
    password: newPasswordAtom,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: msg("userRules.passwordsDontMatch"),
  });
export type SetupInput = z.input<typeof setupSchema>;

export const signInSchema = z.object({
  email: emailAtom,
  password: z.string().min(1, msg("userRules.passwordRequired")),
});

export const roleNameAtom = z
  .string()
  .trim()
  .min(1, msg("userRules.roleNameRequired"))
  .max(60, msg("userRules.roleNameTooLong"));
