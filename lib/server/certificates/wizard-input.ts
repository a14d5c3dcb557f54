import type { z } from "zod";
import { AppError } from "../errors";
import type { KeyChoice } from "@/lib/validations/certificate-wizards";
import type { KeySpec } from "@/lib/pki/csr/issue-certificate";

/** Parses a use-case's input with its shared zod schema; bad input is `ERR_VALIDATION` and nothing runs. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

/** The CSR options of a wizard key choice. */
export function requestKeyOptions(choice: KeyChoice): { keySize: 2048 | 4096 } | { curve: "P-256" | "P-384" } {
  switch (choice) {
    case "RSA-4096":
      return { keySize: 4096 };
    case "EC-P256":
      return { curve: "P-256" };
    case "EC-P384":
      return { curve: "P-384" };
    default:
      return { keySize: 2048 };
  }
}

/** The key generation spec of a wizard key choice. */
export function keySpecOf(choice: KeyChoice): KeySpec {
  const o = requestKeyOptions(choice);
  return "curve" in o ? { kind: "EC", curve: o.curve } : { kind: "RSA", size: o.keySize };
}

/** Escapes a relative distinguished name value for the `C=,S=,L=,O=,OU=,CN=` form. */
export const escapeRdn = (value: string): string => value.replace(/([,;+"\\<>=])/g, "\\$1");

/** Builds the Exchange subject string `C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com`. */
export function subjectName(commonName: string, org?: { organization?: string; organizationalUnit?: string; locality?: string; state?: string; country?: string }): string {
  const parts: string[] = [];
  if (org?.country) parts.push(`C=${org.country.toUpperCase()}`);
  if (org?.state) parts.push(`S=${escapeRdn(org.state)}`);
  if (org?.locality) parts.push(`L=${escapeRdn(org.locality)}`);
  if (org?.organization) parts.push(`O=${escapeRdn(org.organization)}`);
  if (org?.organizationalUnit) parts.push(`OU=${escapeRdn(org.organizationalUnit)}`);
  parts.push(`CN=${escapeRdn(commonName)}`);
  return parts.join(",");
}

/** The `-KeySize` of a wizard key choice as the shell takes it (RSA modulus bits; EC curve size). */
export function keySizeOf(choice: KeyChoice): number {
  const o = requestKeyOptions(choice);
  return "curve" in o ? Number(o.curve.slice(2)) : o.keySize;
}
