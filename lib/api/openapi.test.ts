import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS } from "@/lib/domain/permissions";
import { apiOverview, buildOpenApiDocument, documentedRoutes, openApiJson } from "./openapi";
import { RESOURCES } from "./resources";
import { API_ROUTES, type ApiRoute } from "./routes";

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { flows?: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } } }> } };

const doc = buildOpenApiDocument() as unknown as Doc;
const sortRoutes = (routes: readonly ApiRoute[]) => routes.map((r) => `${r.method} ${r.path}`).sort();

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (Redocly's recommended rules)", async () => {
    // No license to state for a self-hosted product.
    const config = await createConfig({ extends: ["recommended"], rules: { "info-license": "off" } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "/openapi.json", config });
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
    expect(problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ""}`).sort()).toEqual(
      [
        // Discovery documents are plain GETs that answer 200 whatever is asked.
        "warn operation-4xx-response #/paths/~1.well-known~1jwks.json/get/responses",
        "warn operation-4xx-response #/paths/~1.well-known~1oauth-authorization-server/get/responses",
        "warn operation-4xx-response #/paths/~1openapi.json/get/responses",
        // The JWS's decoded parts: a text/plain body cannot $ref them, so they stand as models.
        "warn no-unused-components #/components/schemas/JwsPayload",
        "warn no-unused-components #/components/schemas/JwsProtectedHeader",
      ].sort(),
    );
  });

  it("describes exactly the routes the server answers", () => {
    expect(sortRoutes(documentedRoutes(doc))).toEqual(sortRoutes(API_ROUTES));
    // And the list itself covers every resource, the JWS endpoint, OAuth and discovery.
    expect(API_ROUTES.length).toBe(RESOURCES.size + 7);
  });

  it("gives each resource its required permissions as OAuth scopes, its query and its body", () => {
    for (const [key, r] of RESOURCES) {
      const [method, path] = key.split(" ");
      const op = doc.paths[path][method.toLowerCase()];
      expect(op.security, key).toEqual([{ keywardOAuth: [...r.permissions] }]);
      expect((op.parameters ?? []).map((p) => `${p.in}:${p.name}`), key).toEqual(Object.keys(r.query?.shape ?? {}).map((n) => `query:${n}`));
      expect(op.requestBody !== undefined, key).toBe(r.body !== undefined);
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["200", "401", "403"]));
    }
    const scopes = doc.components.securitySchemes.keywardOAuth.flows!.clientCredentials.scopes;
    expect(Object.keys(scopes)).toEqual([...ALL_PERMISSIONS, "openid"]);
  });

  it("renders the limits the schemas enforce", () => {
    const params = doc.paths["/v3/reporting/devices"].get.parameters as unknown as { name: string; schema: Record<string, unknown> }[];
    expect(params.find((p) => p.name === "pageSize")?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 500, default: 50 });
    const body = doc.paths["/v3/actions/requests/freeze"].post.requestBody!.content["application/json"] as { schema: { properties: Record<string, unknown>; required: string[] } };
    expect(body.schema.required).toEqual(["deviceUids", "messageId"]);
    expect(body.schema.properties.deviceUids).toMatchObject({ type: "array", minItems: 1, maxItems: 500 });
    const token = doc.paths["/oauth/token"].post.requestBody!.content["application/x-www-form-urlencoded"] as { schema: { required: string[] } };
    expect(token.schema.required).toEqual(["grant_type"]);
  });

  it("lists each error code under its status, per operation", () => {
    const codes = (path: string, method: string, status: string) => {
      const s = doc.paths[path][method].responses[status].content!["application/json"].schema as { allOf: [unknown, { properties: { code: { enum: string[] } } }] };
      return s.allOf[1].properties.code.enum;
    };
    expect(codes("/jws/validate", "post", "401")).toEqual(["UNAUTHORIZED", "REQUEST_TIME_INVALID", "REQUEST_REPLAYED", "TOKEN_REVOKED", "TOKEN_EXPIRED", "TOKEN_SUSPENDED"]);
    expect(codes("/jws/validate", "post", "400")).toEqual(["BAD_REQUEST", "VALIDATION_ERROR"]);
    expect(codes("/v3/reporting/devices", "get", "403")).toEqual(["IP_NOT_ALLOWED", "FORBIDDEN"]);
    expect(codes("/v3/actions/requests/freeze", "post", "400")).toEqual(["BAD_REQUEST", "VALIDATION_ERROR"]);
    expect(Object.keys(doc.paths["/v3/reporting/devices"].get.responses)).not.toContain("413");
  });

  it("is generated once per server URL, with a stable ETag, naming KEYWARD_URL as the server", () => {
    const a = openApiJson("https://keys.example.com/");
    expect(openApiJson("https://keys.example.com/")).toBe(a);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const parsed = JSON.parse(a.body) as Doc & { servers: { url: string }[] };
    expect(parsed.servers).toEqual([{ url: "https://keys.example.com" }]);
    expect(parsed.components.securitySchemes.keywardOAuth.flows!.clientCredentials.tokenUrl).toBe("https://keys.example.com/oauth/token");
    expect(openApiJson("").etag).not.toBe(a.etag);
  });

  it("overview: every operation once, under its tag, with its summary", () => {
    const groups = apiOverview();
    expect(groups.map((g) => g.tag)).toEqual(["Signed requests", "Resources", "OAuth 2.0", "Discovery"]);
    const listed = groups.flatMap((g) => g.operations.map((o) => ({ method: o.method, path: o.path })));
    expect(sortRoutes(listed as ApiRoute[])).toEqual(sortRoutes(documentedRoutes(doc)));
    expect(listed).toHaveLength(API_ROUTES.length);
    const token = groups.find((g) => g.tag === "OAuth 2.0")!.operations.find((o) => o.path === "/oauth/token");
    expect(token).toEqual({ method: "POST", path: "/oauth/token", summary: "Exchange an API token for an access token" });
    expect(groups.every((g) => g.description && g.operations.length > 0)).toBe(true);
  });
});
