/**
 * Hostile and malformed certificates for the RFC 5280 profile tests: the @peculiar/x509 generator that
 * `lib/pki/issue-certificate.ts` uses, with every extension under the caller's control (criticality, duplicates,
 * omissions, raw DER), plus TBS surgery for what the generator refuses to write (zero or negative serials).
 * Keys are EC P-256. Used only by tests.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { KeyObject, sign } from "node:crypto";
import { concatBytes, readTlv, tlvBytes, tlvChildren } from "@/lib/pki/asn1/der";
import { derContext, derLength, derOid, derSequence, derTlv } from "@/lib/pki/asn1/der-writer";
import { signCrl, type IssuedCertificate, type RevokedEntry } from "@/lib/pki/csr/issue-certificate";

/** Validity of every fixture, and the validation time inside it. */
export const FROM = new Date("2025-01-01T00:00:00Z");
export const TO = new Date("2035-01-01T00:00:00Z");
export const AT = new Date("2026-06-01T00:00:00Z");

const ECDSA = { name: "ECDSA", hash: "SHA-256" } as const;
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** GeneralName encoders (RFC 5280 §4.2.1.6), as DER. */
export const gn = {
  dns: (value: string) => derTlv(0x82, text(value)),
  email: (value: string) => derTlv(0x81, text(value)),
  uri: (value: string) => derTlv(0x86, text(value)),
  ip: (...octets: number[]) => derTlv(0x87, Uint8Array.from(octets)),
  dn: (name: string) => derTlv(0xa4, new Uint8Array(new x509.Name(name).toArrayBuffer())),
  otherName: (oid: string) => derContext(0, derOid(oid), derContext(0, Uint8Array.of(0x05, 0x00))),
};

/** A raw extension. */
export const ext = (oid: string, critical: boolean, value: Uint8Array): x509.Extension => new x509.Extension(oid, critical, Uint8Array.from(value));
/** subjectAltName from encoded GeneralNames. */
export const san = (names: Uint8Array[], critical = false) => ext("2.5.29.17", critical, derSequence(...names));
/** nameConstraints from encoded GeneralNames. */
export function nameConstraints(permitted: Uint8Array[], excluded: Uint8Array[], critical = true): x509.Extension {
  const subtrees = (tag: number, names: Uint8Array[]) => (names.length ? [derTlv(tag, ...names.map((n) => derSequence(n)))] : []);
  return ext("2.5.29.30", critical, derSequence(...subtrees(0xa0, permitted), ...subtrees(0xa1, excluded)));
}
/** basicConstraints. */
export const basicConstraints = (ca: boolean, critical = true, pathLen?: number) => new x509.BasicConstraintsExtension(ca, pathLen, critical);
/** keyUsage from flag names. */
export const keyUsage = (flags: number, critical = true) => new x509.KeyUsagesExtension(flags, critical);
export const KU = x509.KeyUsageFlags;
/** subjectKeyIdentifier of `keys`. */
export const ski = async (keys: CryptoKeyPair, critical = false) => {
  const e = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  return ext(e.type, critical, new Uint8Array(e.value));
};
/** authorityKeyIdentifier (keyIdentifier) of `issuer`. */
export const aki = async (issuer: CryptoKeyPair, critical = false) => {
  const e = await x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey);
  return ext(e.type, critical, new Uint8Array(e.value));
};

/** A generated key pair. */
export const newKeys = async (): Promise<CryptoKeyPair> => (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;

/** What to put into one certificate. */
export interface Blueprint {
  subject: string;
  /** Defaults to the issuer's subject (or `subject` when self-signed). */
  issuerName?: string;
  extensions: x509.Extension[];
  keys?: CryptoKeyPair;
  /** Serial content octets in hex, written as is (zero, negative and over-long values included). */
  serialHex?: string;
}

/** Issues `blueprint`, signed by `issuer` (self-signed when null). */
export async function make(blueprint: Blueprint, issuer: IssuedCertificate | null): Promise<IssuedCertificate> {
  const keys = blueprint.keys ?? (await newKeys());
  const signer = issuer?.keys ?? keys;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: "0a0b0c",
    subject: blueprint.subject,
    issuer: blueprint.issuerName ?? issuer?.certificate.subject ?? blueprint.subject,
    notBefore: FROM,
    notAfter: TO,
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: ECDSA,
    extensions: blueprint.extensions,
  });
  if (blueprint.serialHex === undefined) return { certificate, keys };
  return { certificate: new x509.X509Certificate(Uint8Array.from(withSerial(new Uint8Array(certificate.rawData), blueprint.serialHex, signer))), keys };
}

function withSerial(der: Uint8Array, serialHex: string, signer: CryptoKeyPair): Uint8Array {
  const [tbs, algorithm] = tlvChildren(der, readTlv(der));
  const fields = tlvChildren(der, tbs!).map((f) => tlvBytes(der, f));
  fields[1] = derTlv(0x02, Buffer.from(serialHex, "hex"));
  const newTbs = derSequence(...fields);
  const signature = sign("sha256", newTbs, KeyObject.from(signer.privateKey));
  return derSequence(newTbs, tlvBytes(der, algorithm!), derTlv(0x03, Uint8Array.of(0), signature));
}

/** A conforming root: cA critical, keyCertSign + cRLSign, SKI, no AKI. */
export async function root(subject = "CN=Hostile Test Root", extra: x509.Extension[] = [], keys?: CryptoKeyPair): Promise<IssuedCertificate> {
  const k = keys ?? (await newKeys());
  return make({ subject, keys: k, extensions: [basicConstraints(true), keyUsage(KU.keyCertSign | KU.cRLSign), await ski(k), ...extra] }, null);
}

/** A conforming intermediate: cA critical, keyCertSign + cRLSign, SKI, AKI. */
export async function intermediate(issuer: IssuedCertificate, subject = "CN=Hostile Test Issuing CA", extra: x509.Extension[] = [], keys?: CryptoKeyPair): Promise<IssuedCertificate> {
  const k = keys ?? (await newKeys());
  return make({ subject, keys: k, extensions: [basicConstraints(true), keyUsage(KU.keyCertSign | KU.cRLSign), await ski(k), await aki(issuer.keys), ...extra] }, issuer);
}

/** A conforming leaf: digitalSignature, AKI, SAN DNS:mail.contoso.com unless `sanNames` says otherwise (null = none). */
export async function leaf(issuer: IssuedCertificate, extra: x509.Extension[] = [], options: { subject?: string; sanNames?: Uint8Array[] | null; serialHex?: string } = {}): Promise<IssuedCertificate> {
  const names = options.sanNames === undefined ? [gn.dns("mail.contoso.com")] : options.sanNames;
  return make(
    {
      subject: options.subject ?? "CN=mail.contoso.com",
      extensions: [keyUsage(KU.digitalSignature), await aki(issuer.keys), ...(names ? [san(names)] : []), ...extra],
      ...(options.serialHex !== undefined ? { serialHex: options.serialHex } : {}),
    },
    issuer,
  );
}

/** A CRL of `issuer` (PEM), with or without a CRL number, optionally critical. */
export async function crl(issuer: IssuedCertificate, revoked: RevokedEntry[], number: "normal" | "none" | "critical" = "normal"): Promise<string> {
  const signed = await signCrl(issuer, revoked, FROM, TO);
  const der = new Uint8Array(signed.rawData);
  if (number === "normal") return crlPem(der);
  const [tbs, algorithm] = tlvChildren(der, readTlv(der));
  const fields = tlvChildren(der, tbs!);
  const rebuilt = fields.map((f) => {
    if (f.tag !== 0xa0) return tlvBytes(der, f);
    const list = tlvChildren(der, tlvChildren(der, f)[0]!).flatMap((e) => {
      const [oid, value] = tlvChildren(der, e);
      if (Buffer.from(tlvBytes(der, oid!)).equals(derOid("2.5.29.20"))) return number === "none" ? [] : [derSequence(tlvBytes(der, oid!), Uint8Array.of(0x01, 0x01, 0xff), tlvBytes(der, value!))];
      return [tlvBytes(der, e)];
    });
    return derContext(0, derSequence(...list));
  });
  const newTbs = derSequence(...rebuilt);
  const signature = sign("sha256", newTbs, KeyObject.from(issuer.keys.privateKey));
  return crlPem(derSequence(newTbs, tlvBytes(der, algorithm!), derTlv(0x03, Uint8Array.of(0), signature)));
}

/** RFC 7468 PEM of a CRL (the label openssl and certctl read). */
const crlPem = (der: Uint8Array): string => `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END X509 CRL-----\n`;

/** `inner` wrapped in `levels` constructed OCTET STRINGs (definite lengths), built in one pass. */
export function nestConstructed(inner: Uint8Array, levels: number): Uint8Array {
  const headers: Uint8Array[] = [];
  let length = inner.length;
  for (let i = 0; i < levels; i += 1) {
    const header = concatBytes([Uint8Array.of(0x24), derLength(length)]);
    headers.push(header);
    length += header.length;
  }
  return concatBytes([...headers.reverse(), inner]);
}
