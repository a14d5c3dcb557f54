import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { INVENTORY_LIMITS } from "@/lib/validations/inventory";
import { readBody } from "./read-body";
import { readUpload } from "./read-upload";

const WHAT = "The inventory file";
const MAX_BODY_BYTES = INVENTORY_LIMITS.maxBytes + 65_536;

/** The text of an inventory upload: a JSON body (what the collector posts), or the `file` part of a multipart form. Bounded while streaming. */
export async function readInventoryUpload(request: NextRequest): Promise<string> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const { bytes } = await readUpload(request, MAX_BODY_BYTES);
    if (bytes.length > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", `${WHAT} is larger than ${INVENTORY_LIMITS.maxBytes / 1024 / 1024} MB.`);
    return new TextDecoder().decode(bytes);
  }
  return new TextDecoder().decode(await readBody(request, INVENTORY_LIMITS.maxBytes, WHAT));
}
