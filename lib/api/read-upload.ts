import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/errors";
import { DEFAULT_MAX_INPUT_BYTES } from "@/lib/pki/formats/read-bundle";
import { readForm, readJson } from "./read-body";

/** An uploaded certificate file with the form's other fields. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  fields: Record<string, string>;
}

/** Largest upload body: the PKI reader's 10 MiB limit, base64-encoded in JSON (×4/3) or in a form, plus the other fields. */
export const MAX_UPLOAD_BODY_BYTES = Math.ceil(DEFAULT_MAX_INPUT_BYTES * 1.4) + 65_536;

/**
 * Reads a certificate upload: `multipart/form-data` with a `file` part (what the wizards send, with upload
 * progress), or JSON `{ "fileBase64": "…", …fields }` for scripts. Read by the one streaming body reader and
 * capped at {@link MAX_UPLOAD_BODY_BYTES}.
 */
export async function readUpload(request: NextRequest, maxBytes = MAX_UPLOAD_BODY_BYTES): Promise<Upload> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await readForm(request, maxBytes);
    const file = form.get("file");
    if (!file || typeof file === "string") throw new AppError("ERR_VALIDATION", "Choose a file to upload (form field \"file\").");
    const fields: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, fields };
  }
  let body: Record<string, unknown>;
  try {
    body = (await readJson(request, maxBytes)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AppError && error.code === "ERR_INPUT_TOO_LARGE") throw error;
    throw new AppError("ERR_VALIDATION", "Send the file as multipart/form-data (field \"file\") or JSON with fileBase64.");
  }
  if (!body || typeof body !== "object" || typeof body.fileBase64 !== "string") throw new AppError("ERR_VALIDATION", "fileBase64 is required.");
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
