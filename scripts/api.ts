// `npm run api -- GET /v3/reporting/devices --query pageSize=5 --token-file my.token`
// Signs one API request (HS256 from a .token file, ES256 from a private key) and prints the JSON.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { ApiError, callApi, readTokenFile, type HttpMethod } from "../lib/api-client/index";
import { BearerClient, defaultCacheFile } from "../lib/api-client/bearer";

const USAGE = `Usage: npm run api -- <METHOD> <path> [options]

  --token-file <file>     a .token file (HS256)
  --token-id <id>         the token ID, with --private-key (ES256) or --secret (HS256)
  --private-key <file>    PEM private key of an uploaded public key
  --secret <key>          secret key of a generated token (prefer --token-file)
  --query <k=v>           a query parameter; repeatable
  --data <json>           request data for POST/PUT, e.g. '{"deviceUids":["…"]}'
  --url <base URL>        default: api_url of the token file, else KEYWARD_URL, else http://localhost:3000
  -H, --header <k: v>     an extra HTTP header; repeatable
  --bearer                exchange the token for an OAuth access token (client_secret_basic, or
                          private_key_jwt with --private-key) and call the plain path with it; the
                          access token is reused until a minute before it expires
  --scope <permissions>   with --bearer: space-separated permissions to narrow the access token to`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function args() {
  return parseArgs({
    allowPositionals: true,
    options: {
      "token-file": { type: "string" },
      "token-id": { type: "string" },
      "private-key": { type: "string" },
      secret: { type: "string" },
      query: { type: "string", multiple: true },
      data: { type: "string" },
      url: { type: "string" },
      header: { type: "string", short: "H", multiple: true },
      bearer: { type: "boolean" },
      scope: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main() {
  let parsed: ReturnType<typeof args>;
  try {
    parsed = args();
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) fail(USAGE, 0);
  const [methodArg, path] = positionals;
  const method = methodArg?.toUpperCase();
  if (!method || !["GET", "POST", "PUT", "DELETE"].includes(method) || !path?.startsWith("/")) fail(USAGE);

  let tokenId = values["token-id"];
  let secret = values.secret;
  let apiUrl: string | undefined;
  if (values["token-file"]) {
    const file = readTokenFile(values["token-file"]);
    tokenId = file.tokenId;
    secret = file.secretKey;
    apiUrl = file.apiUrl;
  }
  const privateKeyPem = values["private-key"] ? fs.readFileSync(values["private-key"], "utf8") : undefined;
  if (!tokenId || (secret === undefined && privateKeyPem === undefined)) {
    fail("Give --token-file, or --token-id with --private-key (or --secret).\n\n" + USAGE);
  }

  let body: unknown;
  if (values.data !== undefined) {
    try {
      body = JSON.parse(values.data);
    } catch {
      fail("--data is not valid JSON.");
    }
  }
  const query = new URLSearchParams();
  for (const q of values.query ?? []) {
    const eq = q.indexOf("=");
    query.append(eq < 0 ? q : q.slice(0, eq), eq < 0 ? "" : q.slice(eq + 1));
  }
  const headers: Record<string, string> = {};
  for (const h of values.header ?? []) {
    const colon = h.indexOf(":");
    if (colon > 0) headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  const baseUrl = values.url ?? apiUrl ?? process.env.KEYWARD_URL ?? "http://localhost:3000";

  if (values.scope !== undefined && !values.bearer) fail("--scope needs --bearer.\n\n" + USAGE);

  try {
    if (values.bearer) {
      const creds = { tokenId: tokenId!, scope: values.scope, ...(privateKeyPem !== undefined ? { privateKeyPem } : { secret }) };
      const client = new BearerClient(baseUrl, creds, defaultCacheFile(baseUrl, tokenId!, values.scope));
      console.log(JSON.stringify(await client.call(method as HttpMethod, path, { query, body, headers }), null, 2));
      return;
    }
    const result = await callApi(
      baseUrl,
      { method: method as HttpMethod, path, query, body, tokenId, ...(privateKeyPem !== undefined ? { privateKeyPem } : { secret }) },
      { headers },
    );
    console.log(JSON.stringify(result, null, 2));
  } catch (err) {
    if (err instanceof ApiError) {
      console.error(JSON.stringify({ status: err.status, code: err.code, message: err.message, details: err.details }, null, 2));
      process.exit(1);
    }
    fail(`Could not reach ${baseUrl}: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
}

void main();
