import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API. Public: it holds no data. */
export function GET() {
  return NextResponse.json(buildOpenApiDocument());
}
