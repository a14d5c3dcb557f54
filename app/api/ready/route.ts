import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/server/operations/check-health";

export const dynamic = "force-dynamic";

/** Readiness probe, no sign-in: 200 when this instance can serve (database reachable and prepared), else 503. */
export async function GET() {
  const report = await checkReadiness();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
