/**
 * Reads an OCSP response (RFC 6960): the response status, then the BasicOCSPResponse — signed bytes, responder ID,
 * single responses, extensions, signature and the certificates it carries.
 * @packageDocumentation
 */
import { derChildren, expectDerTlv, readDerTlv, TAG, type Tlv, tlvBytes, tlvContent, tlvOid } from "../asn1/der";
import { certFactsFromDer, type CertFacts } from "./cert-info";
import { readAlgorithm, readExtensions } from "./crl-stream";

const STATUS_NAMES: Record<number, string> = { 1: "MALFORMED_REQUEST", 2: "INTERNAL_ERROR", 3: "TRY_LATER", 5: "SIG_REQUIRED", 6: "UNAUTHORIZED" };

/** The parts of a BasicOCSPResponse that verification needs (views into the response bytes). */
export interface Basic {
  tbs: Uint8Array;
  responderByName?: Uint8Array;
  responderByKey?: Uint8Array;
  responses: Tlv[];
  buf: Uint8Array;
  extensions: { oid: string; value: Uint8Array }[];
  algorithm: ReturnType<typeof readAlgorithm>;
  signature: Uint8Array;
  certs: CertFacts[];
}

/** A response that is not a usable BasicOCSPResponse: stable code and plain-English reason. */
export interface OcspParseFailure {
  status: "failed";
  code: string;
  message: string;
}

const fail = (code: string, message: string): OcspParseFailure => ({ status: "failed", code, message });

/**
 * Reads an OCSPResponse down to its BasicOCSPResponse. A non-successful responseStatus or another response type
 * is returned as a failure; broken DER throws `ERR_ASN1_MALFORMED`.
 */
export function parseBasic(der: Uint8Array): Basic | OcspParseFailure {
  const outer = expectDerTlv(der, 0, TAG.SEQUENCE);
  const [statusTlv, bytesTlv] = derChildren(der, outer);
  if (!statusTlv || statusTlv.tag !== TAG.ENUMERATED) return fail("ERR_OCSP_MALFORMED", "the OCSP response has no status");
  const status = der[statusTlv.contentStart]!;
  if (status !== 0) return fail(`ERR_OCSP_STATUS_${STATUS_NAMES[status] ?? status}`, `the OCSP responder answered "${(STATUS_NAMES[status] ?? `status ${status}`).toLowerCase().replace(/_/g, " ")}"`);
  if (!bytesTlv || bytesTlv.tag !== 0xa0) return fail("ERR_OCSP_MALFORMED", "the successful OCSP response carries no response bytes");
  const rb = derChildren(der, readDerTlv(der, bytesTlv.contentStart, bytesTlv.contentEnd));
  if (tlvOid(der, rb[0]!) !== "1.3.6.1.5.5.7.48.1.1") return fail("ERR_OCSP_MALFORMED", `unsupported OCSP response type ${tlvOid(der, rb[0]!)}`);
  const buf = tlvContent(der, rb[1]!);
  const [tbsTlv, algTlv, sigTlv, certsTlv] = derChildren(buf, readDerTlv(buf, 0));
  const tbsParts = derChildren(buf, tbsTlv!);
  let i = tbsParts[0]!.tag === 0xa0 ? 1 : 0;
  const rid = tbsParts[i++]!;
  i++; // producedAt
  const responses = derChildren(buf, tbsParts[i++]!);
  const extTlv = tbsParts[i];
  const basic: Basic = {
    tbs: tlvBytes(buf, tbsTlv!), responses, buf,
    extensions: extTlv?.tag === 0xa1 ? readExtensions(buf, readDerTlv(buf, extTlv.contentStart, extTlv.contentEnd)) : [],
    algorithm: readAlgorithm(buf, algTlv!), signature: buf.subarray(sigTlv!.contentStart + 1, sigTlv!.end),
    certs: certsTlv ? derChildren(buf, readDerTlv(buf, certsTlv.contentStart, certsTlv.contentEnd)).map((c) => certFactsFromDer(new Uint8Array(tlvBytes(buf, c)))) : [],
  };
  const ridInner = readDerTlv(buf, rid.contentStart, rid.contentEnd);
  if (rid.tag === 0xa1) basic.responderByName = tlvBytes(buf, ridInner);
  else basic.responderByKey = tlvContent(buf, ridInner);
  return basic;
}
