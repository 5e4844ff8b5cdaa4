"use server";

import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/auth";
import { invalidInput, localized, type ActionResult } from "@/lib/auth/action";
import { msg } from "@/lib/domain/message";
import { createFirstAdministrator, EmailTakenError, SetupClosedError } from "@/lib/data/users";
import { setupSchema, type SetupInput } from "@/lib/domain/schemas";
import { CLIENT_IP_HEADER } from "@/lib/net/client-ip";

// Creates the first System Administrator and signs them in. Public by nature, so it refuses to
// run once any user exists: the check is inside the same transaction as the insert.
export async function setupAction(input: SetupInput): Promise<ActionResult<null>> {
  return localized(await setUp(input));
}

async function setUp(input: SetupInput): Promise<ActionResult<null>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const h = await headers();
  try {
    await createFirstAdministrator(parsed.data, h.get(CLIENT_IP_HEADER));
  } catch (err) {
    if (err instanceof SetupClosedError) return { ok: false, status: 403, error: msg("setup.alreadySetUp") };
    if (err instanceof EmailTakenError) return { ok: false, status: 409, error: msg("setup.emailTaken"), fieldErrors: { email: [msg("setup.emailTaken")] } };
    throw err;
  }
  await getAuth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: h });
  return { ok: true, data: null };
}
