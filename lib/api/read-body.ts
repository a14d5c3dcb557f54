import { AppError } from "@/lib/server/errors";

/** Largest JSON body the API accepts. */
export const MAX_JSON_BYTES = 1024 * 1024;

function tooLarge(maxBytes: number, what: string): AppError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new AppError("ERR_INPUT_TOO_LARGE", `${what} is larger than ${size}.`, { maxBytes });
}

/**
 * The one reader of request bodies: reads the stream chunk by chunk and stops at `maxBytes`, with or without a
 * Content-Length. A declared length over the limit is refused before a byte is read; a stream that passes the
 * limit is cancelled at once (the rest is never read nor buffered). Throws `ERR_INPUT_TOO_LARGE` (413).
 */
export async function readBody(request: Request, maxBytes: number, what = "The request body"): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes, what);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes, what);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads a JSON body of at most {@link MAX_JSON_BYTES}; malformed JSON or text is `ERR_VALIDATION`. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const bytes = await readBody(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("ERR_VALIDATION", "The request body is not valid UTF-8 text.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("ERR_VALIDATION", "The request body is not valid JSON.");
  }
}

/** Reads a `multipart/form-data` body of at most `maxBytes` and parses it; a malformed form is `ERR_VALIDATION`. */
export async function readForm(request: Request, maxBytes: number, what = "The upload"): Promise<FormData> {
  const bytes = await readBody(request, maxBytes, what);
  try {
    return await new Response(new Blob([new Uint8Array(bytes)]), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("ERR_VALIDATION", "The upload is not a valid multipart form.");
  }
}
