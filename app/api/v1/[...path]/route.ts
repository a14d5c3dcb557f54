import { NextResponse } from "next/server";

function notFound() {
  return NextResponse.json({ error: { code: "ERR_NOT_FOUND", message: "There is no API endpoint at this address." } }, { status: 404 });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const DELETE = notFound;
export const PATCH = notFound;
