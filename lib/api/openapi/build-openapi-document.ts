import { z } from "zod";
import { httpStatusOf } from "@/lib/server/errors";
import type { ApiOperation } from "./operation";
import { API_OPERATIONS } from "./operations";

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema 2020-12 (the dialect of OpenAPI 3.1), describing what a client sends (the input side). */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** What a token needs for each permission. */
const SCOPE_OF: Record<string, string> = {
  read: "read",
  diagnostics: "diagnostics",
  mutate: "mutate",
  readKeyMaterial: "mutate",
  inventoryWrite: "inventory:write (or mutate)",
};

/** The error codes an operation can answer: those of its kind (authentication, CSRF, input) and its own. */
export function errorCodesOf(op: ApiOperation): string[] {
  const codes = new Set<string>(["ERR_INTERNAL", "ERR_DATABASE_UNAVAILABLE"]);
  if (op.access !== "public" && op.access !== "anonymous") codes.add("ERR_UNAUTHENTICATED").add("ERR_FORBIDDEN");
  if (op.method !== "GET" && op.access !== "public") codes.add("ERR_CSRF_ORIGIN").add("ERR_UNSUPPORTED_MEDIA_TYPE").add("ERR_FORBIDDEN");
  if (op.body || op.multipart || op.query) codes.add("ERR_VALIDATION");
  if (op.body || op.multipart) codes.add("ERR_INPUT_TOO_LARGE");
  if (op.path.includes("{")) codes.add("ERR_NOT_FOUND");
  for (const code of op.errors ?? []) codes.add(code);
  return [...codes].sort();
}

function errorResponses(op: ApiOperation) {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodesOf(op)) byStatus.set(httpStatusOf(code), [...(byStatus.get(httpStatusOf(code)) ?? []), code]);
  const out: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.join(", "),
      content: {
        "application/json": {
          schema: {
            allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } }],
          },
        },
      },
    };
  }
  return out;
}

function operationObject(op: ApiOperation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string", maxLength: 200 } }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, schema]) => {
        const s = jsonSchema(schema as z.ZodType);
        return { name, in: "query", required: !(schema as z.ZodType).safeParse(undefined).success, schema: s, ...(typeof s.description === "string" ? { description: s.description } : {}) };
      })
    : [];
  const content: Record<string, unknown> = {};
  if (op.body) content["application/json"] = { schema: jsonSchema(op.body) };
  if (op.multipart) content["multipart/form-data"] = { schema: jsonSchema(op.multipart) };
  const response = op.response;
  const ok =
    response && "contentType" in response
      ? { description: response.description, content: { [response.contentType]: { schema: { type: "string", format: "binary" } } } }
      : { description: response?.description ?? "Done.", content: { "application/json": { schema: response ? jsonSchema(response) : { type: "object", properties: { ok: { const: true } } } } } };
  const access =
    op.access === "public"
      ? "No credentials."
      : op.access === "anonymous"
        ? "No credentials (this is the sign-in)."
        : op.access === "session"
          ? "A signed-in person (session cookie or the bearer from POST /api/v1/session); API tokens are refused."
          : `Role permission \`${op.access}\`; an API token needs the scope \`${SCOPE_OF[op.access]}\`.`;
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace("/api/v1", "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    description: [op.description, `Access: ${access}`].filter(Boolean).join("\n\n"),
    ...(op.access === "public" || op.access === "anonymous" ? { security: [] } : op.access === "session" ? { security: [{ session: [] }, { cookie: [] }] } : {}),
    "x-access": op.access,
    "x-error-codes": errorCodesOf(op),
    ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(Object.keys(content).length > 0 ? { requestBody: { required: !op.multipart || !!op.body, content } } : {}),
    responses: { "200": ok, ...errorResponses(op) },
  };
}

/**
 * The OpenAPI 3.1 document of `/api/v1`, built from {@link API_OPERATIONS} and the zod schemas the routes validate
 * with, so it follows the code.
 */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "certconsole API",
      version: "1",
      description:
        "The REST API of certconsole: JSON in and out, stable ERR_ codes. Authenticate with `Authorization: Bearer <token>`: an API token (`cc_…`, created on the console's API page, scoped) or the session token from POST /api/v1/session.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ apiToken: [] }, { session: [] }, { cookie: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: "An API token (cc_…) with scopes read, diagnostics, mutate, inventory:write." },
        session: { type: "http", scheme: "bearer", description: "The session token from POST /api/v1/session (8 hours)." },
        cookie: { type: "apiKey", in: "cookie", name: "certconsole_session", description: "The browser session; mutations must come from the console's origin." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string", pattern: "^ERR_[A-Z0-9_]+$" }, message: { type: "string" }, details: { type: "object" } },
            },
          },
        },
      },
    },
  };
}
