/**
 * A real OpenLDAP `slapd` (Debian package `slapd`) as a child process on 127.0.0.1, with a temporary
 * slapd.conf and an mdb database under a temp dir. Holds `dc=lab,dc=test`; `publishCrl` adds a
 * cRLDistributionPoint entry with `certificateRevocationList;binary`, as AD CS publishes CRLs, so an
 * `ldap://` CDP can be fetched for real.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Attribute, Client } from "ldapts";
import { spawnSlapd } from "./child-process";

export const LAB_SUFFIX = "dc=lab,dc=test";
const ROOT_DN = `cn=admin,${LAB_SUFFIX}`;
const ROOT_PW = "harness-only";

export interface LdapServer {
  /** `ldap://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The RFC 4516 URL {@link LdapServer.publishCrl} will publish `cn` under (known before the CRL exists). */
  crlUrlFor(cn: string): string;
  /** Adds (or replaces) `cn=<cn>,dc=lab,dc=test` holding the CRL; returns the RFC 4516 URL of it. */
  publishCrl(cn: string, crlDer: Uint8Array): Promise<string>;
  /**
   * Adds (or replaces) `cn=<cn>,ou=PKI,dc=lab,dc=test` as a certificationAuthority holding `cACertificate;binary`
   * (the schema also requires both revocation lists, given `crlDer`), as AD CS publishes AIA; returns its URL.
   */
  publishCaCertificate(cn: string, certDer: Uint8Array, crlDer: Uint8Array): Promise<string>;
  stop(): Promise<void>;
}

/** Starts slapd; retries on another port if the chosen one was taken meanwhile. */
export async function startLdapServer(): Promise<LdapServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-slapd-"));
  mkdirSync(path.join(dir, "db"));
  const conf = path.join(dir, "slapd.conf");
  writeFileSync(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      `pidfile ${path.join(dir, "slapd.pid")}`,
      `argsfile ${path.join(dir, "slapd.args")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "database mdb",
      "maxsize 10485760",
      `suffix "${LAB_SUFFIX}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PW}`,
      `directory ${path.join(dir, "db")}`,
      "access to * by * read",
      "",
    ].join("\n"),
  );
  let started: Awaited<ReturnType<typeof spawnSlapd>>;
  try {
    started = await spawnSlapd(conf);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { managed, port } = started;
  const url = `ldap://127.0.0.1:${port}`;
  const withAdmin = async (work: (client: Client) => Promise<void>) => {
    const client = new Client({ url, timeout: 5_000 });
    try {
      await client.bind(ROOT_DN, ROOT_PW);
      await work(client);
    } finally {
      await client.unbind();
    }
  };
  await withAdmin(async (client) => {
    await client.add(LAB_SUFFIX, { objectClass: ["dcObject", "organization"], dc: "lab", o: "Lab" });
    await client.add(`ou=PKI,${LAB_SUFFIX}`, { objectClass: ["organizationalUnit"], ou: "PKI" });
  });
  const crlUrlFor = (cn: string) => `${url}/${encodeURIComponent(`cn=${cn},ou=PKI,${LAB_SUFFIX}`).replace(/%3D/g, "=")}?certificateRevocationList;binary?base?objectClass=cRLDistributionPoint`;
  return {
    url,
    port,
    crlUrlFor,
    publishCrl: async (cn, crlDer) => {
      const dn = `cn=${cn},ou=PKI,${LAB_SUFFIX}`;
      await withAdmin(async (client) => {
        await client.del(dn).catch(() => undefined);
        await client.add(dn, [
          new Attribute({ type: "objectClass", values: ["cRLDistributionPoint"] }),
          new Attribute({ type: "cn", values: [cn] }),
          new Attribute({ type: "certificateRevocationList;binary", values: [Buffer.from(crlDer)] }),
        ]);
      });
      return crlUrlFor(cn);
    },
    publishCaCertificate: async (cn, certDer, crlDer) => {
      const dn = `cn=${cn},ou=PKI,${LAB_SUFFIX}`;
      await withAdmin(async (client) => {
        await client.del(dn).catch(() => undefined);
        await client.add(dn, [
          new Attribute({ type: "objectClass", values: ["applicationProcess", "certificationAuthority"] }),
          new Attribute({ type: "cn", values: [cn] }),
          new Attribute({ type: "cACertificate;binary", values: [Buffer.from(certDer)] }),
          new Attribute({ type: "certificateRevocationList;binary", values: [Buffer.from(crlDer)] }),
          new Attribute({ type: "authorityRevocationList;binary", values: [Buffer.from(crlDer)] }),
        ]);
      });
      return `${url}/${encodeURIComponent(dn).replace(/%3D/g, "=")}?cACertificate;binary?base?objectClass=certificationAuthority`;
    },
    stop: async () => {
      await managed?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
