import { openApiJson } from "@/lib/api/openapi";

// The API reference as OpenAPI 3.1, public like the API it describes; generated once per
// process, revalidated by ETag.
export const dynamic = "force-dynamic";

export function GET(req: Request): Response {
  const { body, etag } = openApiJson();
  const headers = { ETag: etag, "Cache-Control": "public, max-age=300" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
