import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { DEFAULT_MAX_INPUT_BYTES } from "@/lib/pki/formats/read-bundle";

/** An uploaded certificate file with the form's other fields. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Reads a certificate upload: `multipart/form-data` with a `file` part (what the wizards send, with upload
 * progress), or JSON `{ "fileBase64": "…", …fields }` for scripts. Capped at the PKI reader's 10 MiB limit.
 */
export async function readUpload(request: NextRequest): Promise<Upload> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > DEFAULT_MAX_INPUT_BYTES * 1.4 + 65536) throw new AppError("ERR_INPUT_TOO_LARGE", `The upload is larger than ${DEFAULT_MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("ERR_VALIDATION", "The upload is not a valid multipart form.");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new AppError("ERR_VALIDATION", "Choose a file to upload (form field \"file\").");
    const fields: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, fields };
  }
  let body: Record<string, unknown>;
  try {
    body = (await request.json()) as Record<string, unknown>;
  } catch {
    throw new AppError("ERR_VALIDATION", "Send the file as multipart/form-data (field \"file\") or JSON with fileBase64.");
  }
  if (typeof body.fileBase64 !== "string") throw new AppError("ERR_VALIDATION", "fileBase64 is required.");
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "fileBase64").map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return { bytes: new Uint8Array(Buffer.from(body.fileBase64, "base64")), fileName: typeof body.fileName === "string" ? body.fileName : "upload", fields };
}

/** Parses a JSON-encoded form field (e.g. `serverIds`), or returns the fallback. */
export function jsonField(fields: Record<string, string>, name: string, fallback: unknown): unknown {
  const raw = fields[name];
  if (raw === undefined || raw === "") return fallback;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
