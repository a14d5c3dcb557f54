/**
 * A directory to sign in against: a real OpenLDAP `slapd` on 127.0.0.1 listening for plain LDAP (StartTLS offered)
 * and LDAPS, with a certificate from a lab CA made here with `openssl` (SAN IP:127.0.0.1), the `memberof` overlay,
 * and people and nested groups:
 * - `alice` in `Console Admins`;
 * - `carol` in `Tier 1`, which is itself a member of `Helpdesk` (nested);
 * - `dave` in `Sales` only (no console role).
 * Each user's password is `<uid>-password`. `otherCaPem` is a CA that did not issue the server certificate.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "ldapts";
import { canConnect, freePort, spawnManaged, startOnFreePorts } from "./child-process";

export const DIRECTORY_SUFFIX = "dc=lab,dc=test";
const ROOT_DN = `cn=admin,${DIRECTORY_SUFFIX}`;
const ROOT_PW = "harness-only";

export interface SignInDirectory {
  /** `ldap://127.0.0.1:PORT` (StartTLS offered). */
  ldapUrl: string;
  /** `ldaps://127.0.0.1:PORT`. */
  ldapsUrl: string;
  /** The lab CA that issued the server certificate (PEM). */
  caPem: string;
  /** Another CA (PEM), which issued nothing the server presents. */
  otherCaPem: string;
  /** DN of a user by uid. */
  userDn(uid: string): string;
  stop(): Promise<void>;
}

function makeCertificates(dir: string): { caPem: string; otherCaPem: string; certPath: string; keyPath: string } {
  const file = (name: string) => path.join(dir, name);
  const run = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  for (const [name, cn] of [["ca", "Lab Directory Root CA"], ["other-ca", "Some Other Root CA"]] as const) {
    run(["req", "-x509", ...ec, "-keyout", file(`${name}.key`), "-out", file(`${name}.pem`), "-days", "3650", "-subj", `/O=Certconsole Lab/CN=${cn}`, "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  }
  run(["req", "-new", ...ec, "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/O=Certconsole Lab/CN=dc1.lab.test"]);
  writeFileSync(file("server.cnf"), "basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:dc1.lab.test,IP:127.0.0.1\nauthorityKeyIdentifier = keyid\n");
  run(["x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "365", "-extfile", file("server.cnf"), "-out", file("server.pem")]);
  return { caPem: readFileSync(file("ca.pem"), "utf8"), otherCaPem: readFileSync(file("other-ca.pem"), "utf8"), certPath: file("server.pem"), keyPath: file("server.key") };
}

/** Starts the directory; three tries on fresh ports. */
export async function startSignInDirectory(): Promise<SignInDirectory> {
  const dir = mkdtempSync(path.join(tmpdir(), "certconsole-signin-slapd-"));
  mkdirSync(path.join(dir, "db"));
  const { caPem, otherCaPem, certPath, keyPath } = makeCertificates(dir);
  const conf = path.join(dir, "slapd.conf");
  writeFileSync(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema",
      `pidfile ${path.join(dir, "slapd.pid")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "moduleload memberof",
      `TLSCertificateFile ${certPath}`,
      `TLSCertificateKeyFile ${keyPath}`,
      "database mdb",
      "maxsize 10485760",
      `suffix "${DIRECTORY_SUFFIX}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PW}`,
      `directory ${path.join(dir, "db")}`,
      "overlay memberof",
      "memberof-group-oc groupOfNames",
      "memberof-member-ad member",
      "memberof-memberof-ad memberOf",
      "access to attrs=userPassword by anonymous auth by * none",
      "access to * by * read",
      "",
    ].join("\n"),
  );
  const { child, ports } = await startOnFreePorts(
    "slapd (sign-in directory)",
    async () => {
      const ports = { ldap: await freePort(), ldaps: await freePort() };
      return { child: spawnManaged("slapd", ["-f", conf, "-h", `ldap://127.0.0.1:${ports.ldap}/ ldaps://127.0.0.1:${ports.ldaps}/`, "-d", "0"]), ports };
    },
    async (_child, ports) => (await canConnect(ports.ldap)) && (await canConnect(ports.ldaps)),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const ldapUrl = `ldap://127.0.0.1:${ports.ldap}`;
  const userDn = (uid: string) => `uid=${uid},ou=People,${DIRECTORY_SUFFIX}`;
  const groupDn = (cn: string) => `cn=${cn},ou=Groups,${DIRECTORY_SUFFIX}`;
  const client = new Client({ url: ldapUrl, timeout: 5_000 });
  try {
    await client.bind(ROOT_DN, ROOT_PW);
    await client.add(DIRECTORY_SUFFIX, { objectClass: ["dcObject", "organization"], dc: "lab", o: "Lab" });
    for (const ou of ["People", "Groups"]) await client.add(`ou=${ou},${DIRECTORY_SUFFIX}`, { objectClass: ["organizationalUnit"], ou });
    for (const uid of ["alice", "carol", "dave"]) {
      await client.add(userDn(uid), { objectClass: ["inetOrgPerson"], uid, cn: uid, sn: uid, mail: `${uid}@lab.test`, userPassword: `${uid}-password` });
    }
    await client.add(groupDn("Console Admins"), { objectClass: ["groupOfNames"], cn: "Console Admins", member: [userDn("alice")] });
    await client.add(groupDn("Tier 1"), { objectClass: ["groupOfNames"], cn: "Tier 1", member: [userDn("carol")] });
    await client.add(groupDn("Helpdesk"), { objectClass: ["groupOfNames"], cn: "Helpdesk", member: [groupDn("Tier 1")] });
    await client.add(groupDn("Sales"), { objectClass: ["groupOfNames"], cn: "Sales", member: [userDn("dave")] });
  } catch (error) {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
  return {
    ldapUrl,
    ldapsUrl: `ldaps://127.0.0.1:${ports.ldaps}`,
    caPem,
    otherCaPem,
    userDn,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
