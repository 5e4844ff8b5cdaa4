"use server";

import { z } from "zod";
import { guardedAction } from "@/lib/auth/action";
import { listTokens, TOKEN_STATUSES } from "@/lib/data/tokens";

const listTokensSchema = z.object({
  q: z.string().max(200, "Search for at most 200 characters.").default(""),
  status: z.enum(TOKEN_STATUSES).nullable().default(null),
  page: z.number().int().min(1).max(1_000_000).default(1),
});
export type ListTokensParams = z.input<typeof listTokensSchema>;

// A page of the tokens the signed-in user may see (all for a System Administrator).
export const listTokensAction = guardedAction({ permission: "api-credentials.view", schema: listTokensSchema }, (input, actor) =>
  listTokens({ actor, q: input.q, status: input.status, page: input.page }),
);
