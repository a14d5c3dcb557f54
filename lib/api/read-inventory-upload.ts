import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { INVENTORY_LIMITS } from "@/lib/validations/inventory";
import { readUpload } from "./read-upload";

const TOO_LARGE = `The inventory file is larger than ${INVENTORY_LIMITS.maxBytes / 1024 / 1024} MB.`;

/** The text of an inventory upload: a JSON body (what the collector posts), or the `file` part of a multipart form. Bounded. */
export async function readInventoryUpload(request: NextRequest): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > INVENTORY_LIMITS.maxBytes + 65_536) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const { bytes } = await readUpload(request);
    if (bytes.length > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
    return new TextDecoder().decode(bytes);
  }
  const text = await request.text();
  if (text.length > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
  return text;
}
