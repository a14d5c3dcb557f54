"use client";

/** Saves bytes or text as a file in the browser (the wizards' downloads). */
export function downloadFile(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Base64 → bytes. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** What the REST API answers: the data, or `{ error: { code, message, details } }`. */
export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details?: Record<string, unknown> };

/**
 * Posts a form with a file to the REST API with upload progress (XHR: fetch has no upload progress), so a big
 * upload never looks frozen. The session cookie authenticates it.
 */
export function uploadForm<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<ApiAnswer<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as ({ error?: { code: string; message: string; details?: Record<string, unknown> } } & T) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && !body.error) resolve({ ok: true, data: body });
      else resolve({ ok: false, code: body?.error?.code ?? `HTTP_${xhr.status}`, message: body?.error?.message ?? `The server answered ${xhr.status}.`, ...(body?.error?.details ? { details: body.error.details } : {}) });
    };
    xhr.onerror = () => resolve({ ok: false, code: "ERR_NETWORK", message: "The upload failed: the console could not be reached." });
    xhr.send(form);
  });
}
