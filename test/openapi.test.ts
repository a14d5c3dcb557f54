// The OpenAPI 3.1 document (issue 16, part 5) cannot drift from the routes: every method exported by every
// app/api/v1/**/route.ts is described, nothing is described that does not exist, and the bodies come from the zod
// schemas the routes validate with.
import { describe, expect, test } from "vitest";
import { apiV1RouteFiles, ROUTE_METHODS } from "./api-routes";
import { API_OPERATIONS } from "@/lib/api/openapi/operations";
import { buildOpenApiDocument, errorCodesOf } from "@/lib/api/openapi/build-openapi-document";

/** The catch-all answers 404 for addresses that are not routes: it is not an operation. */
const NOT_OPERATIONS = new Set(["/api/v1/{path}"]);

async function exportedOperations() {
  const found: string[] = [];
  for (const route of apiV1RouteFiles()) {
    if (NOT_OPERATIONS.has(route.path)) continue;
    const mod = (await import(/* @vite-ignore */ route.module)) as Record<string, unknown>;
    for (const method of ROUTE_METHODS) if (typeof mod[method] === "function") found.push(`${method} ${route.path}`);
  }
  return found.sort();
}

describe("the OpenAPI document describes every route", () => {
  test("every exported method of every route file has an operation, and every operation has a route", async () => {
    const exported = await exportedOperations();
    const described = API_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(exported.length).toBeGreaterThanOrEqual(40);
    expect(exported.filter((e) => !described.includes(e)), "routes the document does not describe (add them in lib/api/openapi/paths/)").toEqual([]);
    expect(described.filter((d) => !exported.includes(d)), "operations without a route").toEqual([]);
    expect(new Set(described).size).toBe(described.length);
  });

  test("GET /api/v1/openapi.json answers the OpenAPI 3.1 document without credentials", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = GET();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as ReturnType<typeof buildOpenApiDocument>;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/tokens/{id}");
  });

  test("bodies and query parameters are the routes' zod schemas (a change to a schema shows in the document)", () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { items?: { enum?: string[] }; enum?: string[]; minLength?: number }>; required?: string[] } }> }; parameters?: { name: string; in: string; schema: { enum?: string[] } }[] }>> };
    const token = doc.paths["/api/v1/tokens"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(token.properties.scopes!.items!.enum).toEqual(["read", "diagnostics", "mutate", "inventory:write"]);
    expect(token.required).toEqual(expect.arrayContaining(["name", "scopes"]));
    const session = doc.paths["/api/v1/session"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(session.properties)).toEqual(["username", "password", "totpCode"]);
    const status = doc.paths["/api/v1/certificates"]!.get!.parameters!.find((p) => p.name === "status")!;
    expect(status.schema.enum).toContain("RevocationCheckFailure");
    // The certificate id is in the path, not the body.
    const exportBody = doc.paths["/api/v1/certificates/{id}/export"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(exportBody.properties)).not.toContain("certificateId");
    expect(exportBody.properties.password!.minLength).toBe(8);
  });

  test("every operation lists its error codes under the HTTP status each is answered with; every $ref resolves", () => {
    const doc = buildOpenApiDocument();
    const text = JSON.stringify(doc);
    for (const ref of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) expect(Object.keys(doc.components.schemas)).toContain(ref[1]);
    for (const op of API_OPERATIONS) {
      const described = (doc.paths[op.path] as Record<string, { responses: Record<string, { description: string }>; "x-error-codes": string[] }>)[op.method.toLowerCase()]!;
      expect(described.responses["200"]).toBeDefined();
      expect(described["x-error-codes"]).toEqual(errorCodesOf(op));
      for (const code of errorCodesOf(op)) expect(code).toMatch(/^ERR_[A-Z0-9_]+$/);
      const listed = Object.entries(described.responses).filter(([s]) => s !== "200").flatMap(([, r]) => r.description.split(", "));
      expect(listed.sort()).toEqual(errorCodesOf(op));
      if (op.method !== "GET" && op.access !== "public") expect(described["x-error-codes"]).toContain("ERR_FORBIDDEN");
    }
  });
});
