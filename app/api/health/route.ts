import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/operations/check-health";

export const dynamic = "force-dynamic";

/** Liveness probe, no sign-in: 200 when the process is up and the database reachable, else 503. */
export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
