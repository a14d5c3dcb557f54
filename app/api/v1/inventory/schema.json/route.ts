import { NextResponse } from "next/server";
import { inventoryJsonSchema } from "@/lib/validations/inventory";

/** GET /api/v1/inventory/schema.json — the inventory file format as JSON Schema (generated from the zod schema). Public: it holds no data. */
export function GET() {
  return NextResponse.json({ $id: "/api/v1/inventory/schema.json", title: "certconsole inventory file", ...inventoryJsonSchema() });
}
