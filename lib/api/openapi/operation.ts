import { z } from "zod";
import type { Permission } from "@/lib/server/auth/actor";

/** HTTP methods a route file may export and the document describes. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A response that is not JSON: a file or a script, described by its media type. */
export interface FileResponse {
  contentType: string;
  description: string;
}

/**
 * One operation of `/api/v1`, as the OpenAPI document describes it. Written next to its siblings in
 * lib/api/openapi/paths/<area>.ts, from the zod schemas the route and its use-case validate with, so the document
 * follows the code.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path: `/api/v1/certificates/{id}` for app/api/v1/certificates/[id]/route.ts. */
  path: string;
  summary: string;
  description?: string;
  /**
   * Who may call it: a permission (role and, for API tokens, scope), `session` (a signed-in person, never an API
   * token), `anonymous` (sign-in) or `public` (no credentials at all).
   */
  access: Permission | "session" | "anonymous" | "public";
  /** Query parameters: an object schema, one parameter per property. */
  query?: z.ZodObject;
  /** The JSON body, or `multipart` with the form fields (files as `format: binary` strings). */
  body?: z.ZodType;
  multipart?: z.ZodObject;
  /** The 200 answer: a zod schema of the JSON, or a non-JSON file. Omitted: `{ ok: true }` or an object described in words. */
  response?: z.ZodType | FileResponse;
  /** Error codes this operation's use-case raises, beyond those every operation of its kind can answer. */
  errors?: readonly string[];
}

/** A file upload field in a multipart schema. */
export const fileField = (description: string) => z.string().meta({ format: "binary", description });

/** An answer described in words where the use-case has no zod schema of its output (yet). */
export const objectAnswer = (description: string) => z.looseObject({}).describe(description);
