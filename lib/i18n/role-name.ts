import "server-only";
import { getTranslations } from "next-intl/server";

/**
 * The name a role is shown by: the built-in System Administrator role is named in the viewer's
 * language (its stored name is data), a custom role by the name its author typed.
 */
export async function getRoleNamer(): Promise<(role: { name: string; builtIn: boolean }) => string> {
  const t = await getTranslations("roles");
  return (role) => (role.builtIn ? t("builtInName") : role.name);
}
