import type { Client } from "ldapts";
import { bindAs, DirectoryError, openDirectory, type DirectoryStep, type DirectoryTransport } from "@/lib/net/ldap-directory";
import type { AddressPolicy, Resolver } from "@/lib/net/address-guard";
import { directoryChainVerifier } from "./sign-in-settings";

/** A sign-in name typed as `user@domain` or `DOMAIN\user`. */
export interface DirectoryLogin {
  /** The bare account name (`carol`). */
  user: string;
  /** `carol@contoso.com`: typed, or the NetBIOS form completed with the configured domain. */
  upn: string;
  /** The name as typed. */
  name: string;
}

/** The settings a directory look-up reads (a subset of the SignInSettings row). */
export interface DirectorySettings {
  ldapUrl: string;
  ldapTransport: string;
  allowPlainLdap: boolean;
  ldapTrustPem: string;
  ldapDomain: string;
  ldapUserDnTemplate: string;
  ldapBaseDn: string;
  ldapUserFilter: string;
  ldapGroupMode: string;
  ldapGroupFilter: string;
}

/** The account found in the directory. */
export interface DirectoryAccount {
  dn: string;
  login: DirectoryLogin;
  /** Every group the account is a member of, nested membership included (DNs). */
  groups: string[];
}

/** Bounds on nested-group expansion (memberOf and group search): a cycle or a huge tree cannot hold the sign-in. */
const MAX_GROUPS = 500;
const MAX_DEPTH = 10;
/** The AD matching rule that walks nested membership on the server (LDAP_MATCHING_RULE_IN_CHAIN). */
export const AD_IN_CHAIN_RULE = "1.2.840.113556.1.4.1941";

/** Parses `user@domain` or `DOMAIN\user`; null for anything else (a bare name is a local account). */
export function parseDirectoryLogin(text: string, defaultDomain: string): DirectoryLogin | null {
  const name = text.trim();
  const upn = /^([^@\\\s]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)*)$/i.exec(name);
  if (upn) return { user: upn[1]!, upn: name, name };
  const netbios = /^([a-z0-9][a-z0-9._-]{0,14})\\([^@\\\s]+)$/i.exec(name);
  if (netbios) return { user: netbios[2]!, upn: `${netbios[2]}@${defaultDomain || netbios[1]!}`, name };
  return null;
}

/** Escapes a value for a distinguished name (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, "\\ ");
}

/** Escapes a value for an LDAP filter (RFC 4515 §3: `\`, `*`, `(`, `)` and NUL as `\XX`). */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Fills `{user}`, `{upn}`, `{name}`, `{dn}` placeholders with filter-escaped values (RFC 4515). */
export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => (key in values ? escapeFilterValue(values[key]!) : whole));
}

/** The filter that asks AD for every group the DN belongs to, nested groups included. */
export function adInChainFilter(dn: string): string {
  return `(member:${AD_IN_CHAIN_RULE}:=${escapeFilterValue(dn)})`;
}

const normalizeDn = (dn: string) => dn.toLowerCase().replace(/\s*([,=+])\s*/g, "$1");

function valuesOf(entry: Record<string, unknown>, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const raw = key ? entry[key] : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v)));
}

/** Breadth-first expansion of nested membership, bounded by {@link MAX_GROUPS} and {@link MAX_DEPTH}. */
async function expandNested(start: string[], parentsOf: (dn: string) => Promise<string[]>): Promise<string[]> {
  const found = new Map<string, string>();
  let frontier = start;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0 && found.size < MAX_GROUPS; depth++) {
    const next: string[] = [];
    for (const dn of frontier) {
      if (found.has(normalizeDn(dn)) || found.size >= MAX_GROUPS) continue;
      found.set(normalizeDn(dn), dn);
      next.push(...(await parentsOf(dn)));
    }
    frontier = next;
  }
  return [...found.values()];
}

async function groupsOf(client: Client, settings: DirectorySettings, dn: string, memberOf: string[]): Promise<string[]> {
  const searchGroups = async (filter: string) =>
    (await client.search(settings.ldapBaseDn, { scope: "sub", filter, attributes: ["cn"], sizeLimit: MAX_GROUPS })).searchEntries.map((e) => e.dn);
  if (settings.ldapGroupMode === "adInChain") return searchGroups(adInChainFilter(dn));
  if (settings.ldapGroupMode === "memberOf") {
    return expandNested(memberOf, async (group) => {
      const entry = (await client.search(group, { scope: "base", filter: "(objectClass=*)", attributes: ["memberOf"] }).catch(() => ({ searchEntries: [] }))).searchEntries[0];
      return entry ? valuesOf(entry, "memberOf") : [];
    });
  }
  const direct = await searchGroups(fillFilter(settings.ldapGroupFilter, { dn }));
  return expandNested(direct, (group) => searchGroups(fillFilter(settings.ldapGroupFilter, { dn: group })));
}

/** Network policy and clock for a look-up. */
export interface DirectoryLookupContext {
  policy: AddressPolicy;
  resolver?: Resolver;
  timeoutMs: number;
  now: Date;
  steps: DirectoryStep[];
}

/**
 * Connects (TLS checked by our validator before any credential leaves), binds as the user, finds the user's entry
 * under the base DN and resolves the groups — AD's in-chain rule, `memberOf` followed upwards, or a group search
 * repeated for nested groups. Throws {@link DirectoryError}; plain LDAP is refused (`ERR_LDAP_PLAIN_REFUSED`) unless
 * the settings allow it, before anything is sent.
 */
export async function lookUpDirectoryAccount(settings: DirectorySettings, login: DirectoryLogin, password: string, context: DirectoryLookupContext): Promise<DirectoryAccount> {
  const { steps } = context;
  const transport = settings.ldapTransport as DirectoryTransport;
  if (transport === "plain" && !settings.allowPlainLdap) {
    const message = "plain LDAP would send the password in clear: use LDAPS or StartTLS, or allow plain LDAP for a lab in Settings";
    steps.push({ step: "connect", ok: false, detail: message });
    throw new DirectoryError("ERR_LDAP_PLAIN_REFUSED", "connect", message);
  }
  const connection = await openDirectory({
    url: settings.ldapUrl,
    transport,
    policy: context.policy,
    ...(context.resolver ? { resolver: context.resolver } : {}),
    timeoutMs: context.timeoutMs,
    verifyChain: directoryChainVerifier(settings.ldapTrustPem, context.now),
    steps,
  });
  try {
    const bindName = settings.ldapUserDnTemplate ? settings.ldapUserDnTemplate.replace(/\{user\}/g, escapeDnValue(login.user)) : login.name;
    await bindAs(connection, bindName, password, steps);
    const filter = fillFilter(settings.ldapUserFilter || "(|(userPrincipalName={upn})(sAMAccountName={user}))", { user: login.user, upn: login.upn, name: login.name });
    let entries;
    try {
      entries = (await connection.client.search(settings.ldapBaseDn, { scope: "sub", filter, attributes: ["memberOf", "cn"], sizeLimit: 2 })).searchEntries;
    } catch (error) {
      steps.push({ step: "search", ok: false, detail: `searching ${settings.ldapBaseDn} for ${filter} failed: ${(error as Error).message}` });
      throw new DirectoryError("ERR_LDAP_SEARCH", "search", `searching the directory for ${login.name} failed: ${(error as Error).message}`);
    }
    if (entries.length !== 1) {
      const message = entries.length === 0 ? `no entry for ${login.name} under ${settings.ldapBaseDn} (filter ${filter})` : `more than one entry matches ${filter}`;
      steps.push({ step: "search", ok: false, detail: message });
      throw new DirectoryError("ERR_LDAP_ACCOUNT_NOT_FOUND", "search", message);
    }
    const entry = entries[0]!;
    steps.push({ step: "search", ok: true, detail: `found ${entry.dn}` });
    let groups: string[];
    try {
      groups = await groupsOf(connection.client, settings, entry.dn, valuesOf(entry, "memberOf"));
    } catch (error) {
      steps.push({ step: "groups", ok: false, detail: `looking up the groups of ${entry.dn} failed: ${(error as Error).message}` });
      throw new DirectoryError("ERR_LDAP_SEARCH", "groups", `looking up the groups of ${login.name} failed: ${(error as Error).message}`);
    }
    steps.push({ step: "groups", ok: true, detail: groups.length ? `${groups.length} group(s): ${groups.join("; ")}` : "member of no group" });
    return { dn: entry.dn, login, groups };
  } finally {
    await connection.close();
  }
}
