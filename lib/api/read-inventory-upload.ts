import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { INVENTORY_LIMITS } from "@/lib/validations/inventory";

const TOO_LARGE = `The inventory file is larger than ${INVENTORY_LIMITS.maxBytes / 1024 / 1024} MB.`;

/** The text of an inventory upload: a JSON body, or the `file` part of a multipart form. Bounded. */
export async function readInventoryUpload(request: NextRequest): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > INVENTORY_LIMITS.maxBytes + 65_536) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("ERR_VALIDATION", "The upload is not a valid multipart form.");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new AppError("ERR_VALIDATION", 'Choose the inventory file to upload (form field "file").');
    if (file.size > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
    return new TextDecoder().decode(await file.arrayBuffer());
  }
  const text = await request.text();
  if (text.length > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", TOO_LARGE);
  return text;
}
