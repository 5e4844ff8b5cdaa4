import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { isOpenAuthEndpoint, withoutSessionToken } from "@/lib/auth/endpoints";

// better-auth's endpoints (sign-in, sign-out, session); the rest answer 404. Built lazily: no database at build time.
export const dynamic = "force-dynamic";

const closed = () => Response.json({ code: "NOT_FOUND", message: "Not found." }, { status: 404 });

export const GET = async (req: Request) => (isOpenAuthEndpoint("GET", req.url) ? withoutSessionToken(await toNextJsHandler(getAuth()).GET(req)) : closed());
export const POST = async (req: Request) => (isOpenAuthEndpoint("POST", req.url) ? withoutSessionToken(await toNextJsHandler(getAuth()).POST(req)) : closed());
