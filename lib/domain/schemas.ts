import { z } from "zod";

// Field atoms shared by the forms (react-hook-form resolver), the server actions and the API.

export const emailAtom = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ message: "Enter a valid email address, like name@example.com." }));

export const personNameAtom = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "A name has at most 100 characters.")
  .refine((s) => !/[\r\n]/.test(s), "A name can't contain line breaks.");

export const newPasswordAtom = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(256, "Use at most 256 characters.");

export const setupSchema = z
  .object({
    name: personNameAtom,
    email: emailAtom,
    password: newPasswordAtom,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });
export type SetupInput = z.input<typeof setupSchema>;

export const signInSchema = z.object({
  email: emailAtom,
  password: z.string().min(1, "Enter your password."),
});

export const roleNameAtom = z
  .string()
  .trim()
  .min(1, "Enter a role name.")
  .max(60, "A role name has at most 60 characters.");
