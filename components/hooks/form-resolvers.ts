// The forms' zod resolvers, in one module that forms load on first validation (lazyResolver):
// zod and the schemas stay out of every page's first-load JavaScript.
import "@/lib/zod-jitless";
import { zodResolver } from "@hookform/resolvers/zod";
import { setupSchema, signInSchema } from "@/lib/domain/schemas";
import { createTokenSchema, makeExtendExpirySchema, updateAllowedIpsSchema } from "@/lib/domain/token-schemas";
import { revealSecretSchema, rotateSchemaFor } from "@/lib/domain/rotation-schemas";
import { newCampaignSchema } from "@/lib/domain/campaign-schemas";
import { changeUserRoleSchema, createUserSchema, roleSchema } from "@/lib/domain/user-schemas";

export const setupResolver = zodResolver(setupSchema);
export const signInResolver = zodResolver(signInSchema);
export const createTokenResolver = zodResolver(createTokenSchema);
export const extendExpiryResolver = (currentExpiresOn: string) => zodResolver(makeExtendExpirySchema(currentExpiresOn));
export const allowedIpsResolver = zodResolver(updateAllowedIpsSchema);
export const createUserResolver = zodResolver(createUserSchema);
export const changeUserRoleResolver = zodResolver(changeUserRoleSchema);
export const roleResolver = zodResolver(roleSchema);
export const rotateResolver = (type: Parameters<typeof rotateSchemaFor>[0]) => zodResolver(rotateSchemaFor(type));
export const revealSecretResolver = zodResolver(revealSecretSchema);
export const newCampaignResolver = zodResolver(newCampaignSchema);
