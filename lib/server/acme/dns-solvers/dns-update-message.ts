/**
 * DNS UPDATE messages (RFC 2136) signed with TSIG (RFC 8945), for the RFC 2136 DNS-01 solver. Pure encoding and
 * decoding, no I/O. npm's `dns-packet` was considered: it has no UPDATE classes (NONE, for deleting one record)
 * and no TSIG signing, so this small encoder does exactly what the solver needs and is tested against BIND.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../errors";

/** A TSIG key as in BIND's key file: name, algorithm, base64 secret. */
export interface TsigKey {
  name: string;
  algorithm: "hmac-sha256" | "hmac-sha384" | "hmac-sha512";
  secret: string;
}

const TYPE_SOA = 6;
const TYPE_TXT = 16;
const TYPE_TSIG = 250;
const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;
const OPCODE_UPDATE = 5;
const FUDGE_SECONDS = 300;

const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];
const TSIG_ERRORS: Record<number, string> = { 16: "BADSIG", 17: "BADKEY", 18: "BADTIME", 22: "BADTRUNC" };

/** Wire form of a domain name, lower-cased (canonical), uncompressed. Throws `ERR_DNS_NAME` on a bad label. */
export function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, "").toLowerCase().split(".").filter((l) => l !== "");
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, "ascii");
    if (bytes.length > 63) throw new AppError("ERR_DNS_NAME", `The DNS label "${label.slice(0, 70)}" is longer than 63 characters.`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  const wire = Buffer.concat(parts);
  if (wire.length > 255) throw new AppError("ERR_DNS_NAME", `The DNS name ${name.slice(0, 80)}… is longer than 255 bytes.`);
  return wire;
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
}
function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}
function u48(value: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(value, 0, 6);
  return b;
}

function txtRdata(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > 255) throw new AppError("ERR_DNS_TXT_TOO_LONG", "A TXT string is at most 255 bytes.");
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

/** One TXT change of an UPDATE: add `value` at `name`, or delete exactly that value (class NONE, RFC 2136 §2.5.4). */
export interface TxtChange {
  action: "add" | "delete";
  name: string;
  value: string;
  ttl?: number;
}

/** An unsigned UPDATE message for `zone` with the TXT changes (header, zone section, update section). */
export function encodeTxtUpdate(id: number, zone: string, changes: readonly TxtChange[]): Buffer {
  const header = Buffer.concat([u16(id), u16(OPCODE_UPDATE << 11), u16(1), u16(0), u16(changes.length), u16(0)]);
  const zoneSection = Buffer.concat([encodeName(zone), u16(TYPE_SOA), u16(CLASS_IN)]);
  const updates = changes.map((c) => {
    const rdata = txtRdata(c.value);
    return Buffer.concat([encodeName(c.name), u16(TYPE_TXT), u16(c.action === "add" ? CLASS_IN : CLASS_NONE), u32(c.action === "add" ? (c.ttl ?? 60) : 0), u16(rdata.length), rdata]);
  });
  return Buffer.concat([header, zoneSection, ...updates]);
}

function tsigVariables(key: TsigKey, timeSigned: number, error = 0, other: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([encodeName(key.name), u16(CLASS_ANY), u32(0), encodeName(key.algorithm), u48(timeSigned), u16(FUDGE_SECONDS), u16(error), u16(other.length), other]);
}

function hmac(key: TsigKey, data: Buffer): Buffer {
  return createHmac(key.algorithm.replace("hmac-", ""), Buffer.from(key.secret, "base64")).update(data).digest();
}

/** Appends a TSIG record to `message` (RFC 8945 §4.3); returns the signed message and the MAC for checking the answer. */
export function signWithTsig(message: Buffer, key: TsigKey, now: Date): { signed: Buffer; mac: Buffer } {
  const timeSigned = Math.floor(now.getTime() / 1000);
  const mac = hmac(key, Buffer.concat([message, tsigVariables(key, timeSigned)]));
  const rdata = Buffer.concat([encodeName(key.algorithm), u48(timeSigned), u16(FUDGE_SECONDS), u16(mac.length), mac, message.subarray(0, 2), u16(0), u16(0)]);
  const rr = Buffer.concat([encodeName(key.name), u16(TYPE_TSIG), u16(CLASS_ANY), u32(0), u16(rdata.length), rdata]);
  const signed = Buffer.concat([message, rr]);
  signed.writeUInt16BE(message.readUInt16BE(10) + 1, 10);
  return { signed, mac };
}

function skipName(buf: Buffer, offset: number): number {
  for (let guard = 0; guard < 128; guard++) {
    const len = buf[offset];
    if (len === undefined) throw new Error("truncated name");
    if (len === 0) return offset + 1;
    if ((len & 0xc0) === 0xc0) return offset + 2;
    offset += 1 + len;
  }
  throw new Error("name too long");
}

/** The server's answer to an UPDATE: its RCODE, and whether its TSIG verified against the request's MAC. */
export interface UpdateResponse {
  id: number;
  rcode: string;
  /** `verified`, `unsigned` (no TSIG: BIND leaves it off when it did not know the key), or a TSIG error name. */
  tsig: "verified" | "unsigned" | "BADSIG" | "BADKEY" | "BADTIME" | "BADTRUNC" | "mismatch";
}

/** Reads an UPDATE response and verifies its TSIG (RFC 8945 §5.3). Throws `ERR_DNS_RESPONSE` on a malformed message. */
export function readUpdateResponse(buf: Buffer, requestMac: Buffer, key: TsigKey): UpdateResponse {
  try {
    const id = buf.readUInt16BE(0);
    const flags = buf.readUInt16BE(2);
    const rcode = RCODES[flags & 0xf] ?? `RCODE${flags & 0xf}`;
    const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)] as const;
    let offset = 12;
    for (let i = 0; i < counts[0]; i++) offset = skipName(buf, offset) + 4;
    const rrCount = counts[1] + counts[2] + counts[3];
    for (let i = 0; i < rrCount; i++) {
      const start = offset;
      offset = skipName(buf, offset);
      const type = buf.readUInt16BE(offset);
      const rdlength = buf.readUInt16BE(offset + 8);
      const rdataStart = offset + 10;
      offset = rdataStart + rdlength;
      if (type !== TYPE_TSIG || i !== rrCount - 1) continue;
      let p = skipName(buf, rdataStart);
      const timeSigned = buf.readUIntBE(p, 6);
      const macSize = buf.readUInt16BE(p + 8);
      const mac = buf.subarray(p + 10, p + 10 + macSize);
      p += 10 + macSize + 2;
      const error = buf.readUInt16BE(p);
      const otherLen = buf.readUInt16BE(p + 2);
      const other = buf.subarray(p + 4, p + 4 + otherLen);
      if (error !== 0) return { id, rcode, tsig: (TSIG_ERRORS[error] as UpdateResponse["tsig"]) ?? "mismatch" };
      const unsigned = Buffer.from(buf.subarray(0, start));
      unsigned.writeUInt16BE(counts[3] - 1, 10);
      const expected = hmac(key, Buffer.concat([u16(requestMac.length), requestMac, unsigned, tsigVariables(key, timeSigned, error, other)]));
      const ok = expected.length === mac.length && timingSafeEqual(expected, mac);
      return { id, rcode, tsig: ok ? "verified" : "mismatch" };
    }
    return { id, rcode, tsig: "unsigned" };
  } catch {
    throw new AppError("ERR_DNS_RESPONSE", "The DNS server's answer to the update could not be read.");
  }
}
