/**
 * Distinguished names the way Exchange writes them: `-SubjectName "C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com"`
 * (note `S` for state), and displayed CN-first like Windows: `CN=mail.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US`.
 * @packageDocumentation
 */
import { readTlv, TAG, tlvChildren, tlvOid, tlvString, toHex } from "../asn1/der";
import { PkiError } from "../errors";
import { visibleText } from "./visible-text";

/** One attribute of a name: short type (`CN`, `S`, …) or dotted OID, and its value. */
export interface NameAttribute {
  type: string;
  oid: string;
  value: string;
}

/** Short names ↔ OIDs, Windows spelling (`S` for stateOrProvinceName, `E` for emailAddress). */
export const NAME_ATTRIBUTES: Record<string, string> = {
  C: "2.5.4.6",
  S: "2.5.4.8",
  L: "2.5.4.7",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  CN: "2.5.4.3",
  E: "1.2.840.113549.1.9.1",
  STREET: "2.5.4.9",
  SERIALNUMBER: "2.5.4.5",
  DC: "0.9.2342.19200300.100.1.25",
  T: "2.5.4.12",
  G: "2.5.4.42",
  SN: "2.5.4.4",
  PostalCode: "2.5.4.17",
};
const ALIASES: Record<string, string> = { ST: "S", EMAIL: "E", EMAILADDRESS: "E", POSTALCODE: "PostalCode" };
const BY_OID: Record<string, string> = Object.fromEntries(Object.entries(NAME_ATTRIBUTES).map(([k, v]) => [v, k]));

/**
 * Parses an Exchange `-SubjectName` string into attributes in encoding order (C first).
 * Commas inside double quotes or escaped with `\` are part of the value. A name written CN-first
 * (display/RFC 4514 order, ending in C=) is reversed so that the encoding always runs from C to CN.
 * Throws `ERR_SUBJECT_INVALID` with the offending part.
 */
export function parseDistinguishedName(text: string): NameAttribute[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) current += text[++i];
    else if (ch === '"') quoted = !quoted;
    else if ((ch === "," || ch === ";") && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) throw new PkiError("ERR_SUBJECT_INVALID", "The subject name has an unterminated quote.");
  parts.push(current);
  const attrs = parts
    .filter((p) => p.trim() !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new PkiError("ERR_SUBJECT_INVALID", `"${part.trim()}" is not of the form TYPE=value (e.g. CN=mail.contoso.com).`);
      const rawType = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      const upper = rawType.toUpperCase();
      const type = ALIASES[upper] ?? Object.keys(NAME_ATTRIBUTES).find((k) => k.toUpperCase() === upper);
      const oid = type ? NAME_ATTRIBUTES[type]! : /^\d+(\.\d+)+$/.test(rawType) ? rawType : undefined;
      if (!oid) throw new PkiError("ERR_SUBJECT_INVALID", `Unknown attribute type "${rawType}" in the subject name; use C, S, L, O, OU, CN.`);
      if (value === "") throw new PkiError("ERR_SUBJECT_INVALID", `The value of ${rawType} is empty.`);
      if (type === "C" && !/^[A-Za-z]{2}$/.test(value)) throw new PkiError("ERR_SUBJECT_INVALID", `The country (C=${value}) must be a two-letter ISO 3166 code such as US.`);
      if (value.length > 64 && type !== "E") throw new PkiError("ERR_SUBJECT_INVALID", `The value of ${rawType} is longer than 64 characters.`);
      return { type: type ?? rawType, oid, value: type === "C" ? value.toUpperCase() : value };
    });
  if (attrs.length === 0) throw new PkiError("ERR_SUBJECT_INVALID", "The subject name is empty.");
  if (attrs.length > 1 && attrs[0]!.type === "CN" && attrs[attrs.length - 1]!.type === "C") attrs.reverse();
  return attrs;
}

/** The CN of a parsed name, or null. */
export function findCommonName(attrs: readonly NameAttribute[]): string | null {
  for (let i = attrs.length - 1; i >= 0; i--) if (attrs[i]!.oid === NAME_ATTRIBUTES.CN) return attrs[i]!.value;
  return null;
}

/** Reads the attributes of a DER Name (encoding order). Multi-valued RDNs are flattened. */
export function readName(der: Uint8Array): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of tlvChildren(der, readTlv(der))) {
    for (const atv of tlvChildren(der, rdn)) {
      const [oidNode, valueNode] = tlvChildren(der, atv);
      const oid = tlvOid(der, oidNode!);
      const isString = valueNode && valueNode.tag !== TAG.SEQUENCE && !valueNode.constructed;
      out.push({ type: BY_OID[oid] ?? `OID.${oid}`, oid, value: isString ? tlvString(der, valueNode) : `#${toHex(der.subarray(valueNode!.start, valueNode!.end))}` });
    }
  }
  return out;
}

/**
 * Formats attributes CN-first like Windows/Exchange: `CN=mail.contoso.com, O=Contoso, S=WA, C=US`. For display:
 * bidirectional controls and invisible characters come out visible (`CN=invoice<U+202E>gpj.exe`, see
 * {@link visibleText}).
 */
export function formatDistinguishedName(attrs: readonly NameAttribute[]): string {
  return visibleText(
    [...attrs]
      .reverse()
      .map((a) => `${a.type}=${/[,+=";<>#]|^\s|\s$/.test(a.value) ? `"${a.value.replace(/"/g, '""')}"` : a.value}`)
      .join(", "),
  );
}

/** Formats a DER Name CN-first (see {@link formatDistinguishedName}). */
export function formatNameDer(der: Uint8Array): string {
  return formatDistinguishedName(readName(der));
}

/** A readable name for messages, CN-first as Windows shows it (see {@link formatNameDer}); never throws. */
export function describeName(der: Uint8Array): string {
  try {
    return formatNameDer(der);
  } catch {
    return `#${toHex(der).toLowerCase()}`;
  }
}

/** Converts attributes (encoding order) to the JSON name form @peculiar/x509 accepts. */
export function toJsonName(attrs: readonly NameAttribute[]): Record<string, string[]>[] {
  return attrs.map((a) => ({ [a.oid]: [a.value] }));
}
