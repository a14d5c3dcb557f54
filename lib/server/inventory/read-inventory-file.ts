import "reflect-metadata";
import { AppError } from "../errors";
import { isPkiError } from "@/lib/pki/errors";
import { certificateRecord } from "../certificates/certificate-record";
import { INVENTORY_LIMITS, inventoryFileSchema, type InventoryFile } from "@/lib/validations/inventory";

/** One problem of an inventory file, at a field. */
export interface InventoryFieldError {
  /** `servers[0].certificates[2].NotAfter` */
  path: string;
  message: string;
}

/** A certificate of the file as OUR parser reads its DER (the file's own Subject, dates … are not trusted). */
export type ParsedCertificate = ReturnType<typeof certificateRecord>;

/** A validated inventory file with every certificate parsed from its raw data. */
export interface ReadInventory {
  file: InventoryFile;
  /** By thumbprint: leaf and chain certificates. */
  certificates: Map<string, ParsedCertificate>;
}

const MAX_REPORTED_ERRORS = 50;

const pathText = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "file";

function refuse(errors: InventoryFieldError[]): never {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  throw new AppError(
    "ERR_INVENTORY_INVALID",
    `The inventory file was refused and nothing was changed: ${errors.length} problem${errors.length === 1 ? "" : "s"}. ${shown.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    { fields: shown, total: errors.length },
  );
}

function parseDer(base64: string, path: string, errors: InventoryFieldError[]): ParsedCertificate | null {
  try {
    return certificateRecord(new Uint8Array(Buffer.from(base64, "base64")));
  } catch (error) {
    errors.push({ path, message: isPkiError(error) ? `Not a certificate: ${error.message}` : "Not a DER certificate." });
    return null;
  }
}

/**
 * Reads an inventory file: JSON text (bounded), the zod schema (every problem reported with its field path),
 * then every certificate's DER through our own parser; a `Thumbprint` that is not the SHA-1 of `RawData` is an
 * error. Throws `ERR_INPUT_TOO_LARGE`, `ERR_VALIDATION` (not JSON) or `ERR_INVENTORY_INVALID` with
 * `details.fields`; changes nothing.
 */
export function readInventoryFile(input: string | unknown): ReadInventory {
  let json: unknown = input;
  if (typeof input === "string") {
    if (input.length > INVENTORY_LIMITS.maxBytes) throw new AppError("ERR_INPUT_TOO_LARGE", `The inventory file is larger than ${INVENTORY_LIMITS.maxBytes / 1024 / 1024} MB.`);
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, ""));
    } catch {
      refuse([{ path: "file", message: "Not JSON. Upload the file the collector wrote (Collect-CertConsoleInventory.ps1 -OutFile)." }]);
    }
  }
  const parsed = inventoryFileSchema.safeParse(json);
  if (!parsed.success) refuse(parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })));
  const file = parsed.data;
  const errors: InventoryFieldError[] = [];
  const certificates = new Map<string, ParsedCertificate>();
  file.servers.forEach((server, si) => {
    server.certificates.forEach((c, ci) => {
      const at = `servers[${si}].certificates[${ci}]`;
      const leaf = parseDer(c.RawData, `${at}.RawData`, errors);
      if (leaf && leaf.thumbprint !== c.Thumbprint) errors.push({ path: `${at}.Thumbprint`, message: `${c.Thumbprint} is not the thumbprint of RawData (${leaf.thumbprint}).` });
      if (leaf) certificates.set(leaf.thumbprint, leaf);
      c.Chain.forEach((b64, k) => {
        const ca = parseDer(b64, `${at}.Chain[${k}]`, errors);
        if (ca) certificates.set(ca.thumbprint, ca);
      });
    });
  });
  if (errors.length > 0) refuse(errors);
  return { file, certificates };
}
