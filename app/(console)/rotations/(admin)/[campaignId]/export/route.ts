import { getActor } from "@/lib/auth/actor";
import { campaignCsv } from "@/lib/data/campaigns";

export const dynamic = "force-dynamic";

// Export CSV: the campaign's tokens (no secret), streamed a batch at a time. System
// Administrators only: a route handler is reached by URL, so it checks on its own.
export async function GET(_req: Request, { params }: { params: Promise<{ campaignId: string }> }): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  if (!actor.isSystemAdmin) return new Response(null, { status: 403 });
  const id = Number((await params).campaignId);
  const lines = Number.isSafeInteger(id) && id > 0 ? await campaignCsv({ actor, campaignId: id }) : null;
  if (!lines) return new Response(null, { status: 404 });
  const chunks = lines[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rotation-campaign-${id}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
