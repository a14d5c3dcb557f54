import { NextResponse, type NextRequest } from "next/server";
import { labCaCertificate, publishLabCrl } from "@/lib/server/lab/publish-lab-crl";

/**
 * The lab CA's publication point (CDP and AIA), hosted by the console so the demo organization's
 * revocation checks work offline: `/lab/pki/<CA thumbprint>.crl` and `/lab/pki/<CA thumbprint>.crt`.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  const match = /^([0-9A-F]{40})\.(crl|crt)$/i.exec(file);
  if (!match) return new NextResponse("Not found", { status: 404 });
  const thumbprint = match[1]!.toUpperCase();
  const body = match[2]!.toLowerCase() === "crl" ? await publishLabCrl(thumbprint) : await labCaCertificate(thumbprint);
  if (!body) return new NextResponse("Not found", { status: 404 });
  return new NextResponse(Buffer.from(body), {
    headers: {
      "content-type": match[2]!.toLowerCase() === "crl" ? "application/pkix-crl" : "application/pkix-cert",
      "cache-control": "max-age=300",
    },
  });
}
