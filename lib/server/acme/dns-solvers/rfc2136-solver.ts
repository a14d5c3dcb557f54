import net from "node:net";
import { randomInt } from "node:crypto";
import type { AddressPolicy } from "@/lib/net/address-guard";
import { AppError } from "../../errors";
import type { DnsChallengeRecord, DnsSolver } from "./dns-solver";
import { findZone, resolverFor, vetDnsServer } from "./dns-address";
import { encodeTxtUpdate, readUpdateResponse, signWithTsig, type TsigKey, type TxtChange } from "./dns-update-message";

const TIMEOUT_MS = 10_000;

/** Sends one DNS message over TCP (RFC 1035 §4.2.2 length prefix) and returns the answer. Bounded by a timeout and size. */
function exchangeTcp(address: string, port: number, message: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AppError("ERR_DNS_UNREACHABLE", `The DNS server ${address}:${port} did not answer within ${TIMEOUT_MS / 1000} s.`));
    }, TIMEOUT_MS);
    socket.once("connect", () => socket.write(Buffer.concat([Buffer.from([message.length >> 8, message.length & 255]), message])));
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length > 65_537) socket.destroy();
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.end();
        resolve(data.subarray(2, 2 + data.readUInt16BE(0)));
      }
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new AppError("ERR_DNS_UNREACHABLE", `The DNS server ${address}:${port} could not be reached (${error.code ?? error.message}).`));
    });
    socket.once("close", () => {
      clearTimeout(timer);
      reject(new AppError("ERR_DNS_UNREACHABLE", `The DNS server ${address}:${port} closed the connection without answering.`));
    });
  });
}

/**
 * RFC 2136 dynamic update with a TSIG key (BIND, PowerDNS, Windows DNS with secure updates off or TSIG): adds the TXT
 * records at the primary server, and deletes exactly those values afterwards. The answer's TSIG is verified; a
 * refusal is `ERR_DNS_UPDATE_REFUSED` with the server's RCODE.
 */
export function rfc2136Solver(config: { server: string; key: TsigKey; policy: AddressPolicy; now?: () => Date }): DnsSolver {
  const send = async (records: readonly DnsChallengeRecord[], action: TxtChange["action"]) => {
    const server = await vetDnsServer(config.server, config.policy);
    const resolver = resolverFor([server]);
    const byZone = new Map<string, TxtChange[]>();
    for (const r of records) {
      const zone = await findZone(r.name, resolver);
      byZone.set(zone, [...(byZone.get(zone) ?? []), { action, name: r.name, value: r.value, ttl: 60 }]);
    }
    for (const [zone, changes] of byZone) {
      const message = encodeTxtUpdate(randomInt(0, 65536), zone, changes);
      const { signed, mac } = signWithTsig(message, config.key, config.now?.() ?? new Date());
      const answer = readUpdateResponse(await exchangeTcp(server.address, server.port, signed), mac, config.key);
      if (answer.rcode !== "NOERROR" || answer.tsig !== "verified") {
        const tsig = answer.tsig === "verified" ? "" : answer.tsig === "unsigned" ? " (the answer was not signed: is the TSIG key known to the server?)" : ` (TSIG ${answer.tsig})`;
        throw new AppError("ERR_DNS_UPDATE_REFUSED", `The DNS server ${server.display} refused the update of zone ${zone}: ${answer.rcode}${tsig}.`, { rcode: answer.rcode, tsig: answer.tsig });
      }
    }
  };
  return {
    kind: "rfc2136",
    present: (records) => send(records, "add"),
    cleanup: (records) => send(records, "delete"),
  };
}
