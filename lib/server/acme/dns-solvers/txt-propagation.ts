import { Resolver } from "node:dns/promises";
import type { AddressPolicy } from "@/lib/net/address-guard";
import { AppError } from "../../errors";
import type { DnsChallengeRecord } from "./dns-solver";
import { resolverFor, vetDnsServer } from "./dns-address";

/** What one name server answered for one record. */
export interface PropagationResult {
  name: string;
  expected: string;
  server: string;
  found: string[];
  ok: boolean;
}

/** The authoritative name servers of the zone holding `name` (system resolver, walking up to the first NS set). */
async function authoritativeServers(name: string): Promise<string[]> {
  const system = new Resolver({ timeout: 3000, tries: 2 });
  const labels = name.split(".");
  for (let i = 1; i < labels.length - 1; i++) {
    try {
      const ns = await system.resolveNs(labels.slice(i).join("."));
      if (ns.length) return ns;
    } catch {
      // not a zone cut here: go up
    }
  }
  throw new AppError("ERR_DNS_ZONE_NOT_FOUND", `No authoritative name servers were found for ${name}.`);
}

/**
 * Asks every authoritative name server (or `nameServers`, `host:port`) for each TXT record, so the CA is not told
 * to validate before the record is visible everywhere it may look. Each server goes through the outbound guard.
 */
export async function checkTxtPropagation(records: readonly DnsChallengeRecord[], policy: AddressPolicy, nameServers?: readonly string[]): Promise<PropagationResult[]> {
  const results: PropagationResult[] = [];
  for (const record of records) {
    const servers = nameServers?.length ? nameServers : await authoritativeServers(record.name);
    for (const server of servers) {
      const vetted = await vetDnsServer(server, policy);
      let found: string[] = [];
      try {
        found = (await resolverFor([vetted]).resolveTxt(record.name)).map((chunks) => chunks.join(""));
      } catch {
        found = [];
      }
      results.push({ name: record.name, expected: record.value, server, found, ok: found.includes(record.value) });
    }
  }
  return results;
}
