// The rotate dialog's schema, apart from lib/domain/rotation.ts so zod loads only with the form's
// resolver (components/hooks/form-resolvers.ts) and on the server.
import { z } from "zod";
import { msg } from "./message";
import { OVERLAPS } from "./rotation";
import { publicKeyAtom, publicKeyIssue } from "./token-schemas";

/**
 * The dialog's payload, parsed by the dialog's resolver and again by the server action. An
 * uploaded-key token also sends the new key, checked by the creation form's own rule.
 */
export const rotateTokenSchema = z
  .object({
    overlap: z.enum(OVERLAPS, { error: msg("rotation.chooseOverlap") }),
    publicKey: publicKeyAtom,
  })
  .strict();
export type RotateTokenInput = z.input<typeof rotateTokenSchema>;

/** The schema for the token's type: an uploaded-key token must send an acceptable key. */
export function rotateSchemaFor(type: "generated" | "public_key") {
  return rotateTokenSchema.superRefine((v, ctx) => {
    if (type !== "public_key") return;
    const message = publicKeyIssue(v.publicKey);
    if (message) ctx.addIssue({ code: "custom", path: ["publicKey"], message });
  });
}

/** Reveal new secret: the console password, checked by the server (lib/rotation/reveal.ts). */
export const revealSecretSchema = z.object({ password: z.string().min(1, msg("userRules.passwordRequired")).max(256) }).strict();
export type RevealSecretInput = z.input<typeof revealSecretSchema>;
