import type { IncomingMessage, ServerResponse } from "node:http";

/** POST /jws/validate. The token-authenticated API lands with its own issue; until then it answers 501. */
export function handleJwsRequest(req: IncomingMessage, res: ServerResponse, _clientIp: string): void {
  req.resume();
  res.writeHead(501, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ code: "NOT_IMPLEMENTED", message: "The API is not available yet." }));
}
