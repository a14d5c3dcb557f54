import { EXIT_OK, UsageError, parseVerbArgs, type CliCommand, type CliIo } from "../io";
import { certificateIdOf, runDatabaseVerb, serverIdsOf } from "../database-verb";

const USAGE = `usage: certctl acme <accounts|issue|confirm|renew|revoke> [options] [--as USER] [--json]
  certctl acme accounts                       the ACME accounts (no key material)
  certctl acme issue --account NAME --server NAME[,NAME] --friendly-name TEXT --domain D [--domain D …]
                     [--solver rfc2136|manual] [--name-server HOST[:PORT] …] [--key RSA-2048|RSA-4096|EC-P256|EC-P384]
                     [--auto-enable]           order from the ACME CA; RFC 2136 installs at once, manual prints the TXT records
  certctl acme confirm ORDER_ID               manual solver: the records are published (pre-checked, then validated)
  certctl acme renew THUMBPRINT               renew through ACME now, services per the certificate's setting
  certctl acme revoke THUMBPRINT --reason unspecified|keyCompromise|affiliationChanged|superseded|cessationOfOperation
The console's ACME use-cases against its database, as the user --as (default admin): same role checks and audit.`;

const KEYS = ["RSA-2048", "RSA-4096", "EC-P256", "EC-P384"] as const;
type Issued = { thumbprint: string; subject: string; notAfter: Date; status: string; servers: string[] };
type IssueResult = { status: "Issued"; certificate: Issued } | { status: "AwaitingConfirmation"; acmeOrderId: string; records: Array<{ name: string; value: string }> };

const issuedText = (c: Issued) => `Issued ${c.thumbprint} (${c.subject}), expires ${c.notAfter.toISOString().slice(0, 10)}, status ${c.status}, installed on ${c.servers.join(", ")}.`;
const issueText = (r: IssueResult) =>
  r.status === "Issued"
    ? issuedText(r.certificate)
    : `Order ${r.acmeOrderId} waits for these TXT records:\n${r.records.map((x) => `  ${x.name} TXT "${x.value}"`).join("\n")}\nPublish them, then run: certctl acme confirm ${r.acmeOrderId}`;

/** The verb's one positional argument (a thumbprint or order id) and the options after or before it. */
function positional(args: string[]): [string | undefined, string[]] {
  const i = args.findIndex((a, n) => !a.startsWith("-") && !(n > 0 && ["--as", "--reason"].includes(args[n - 1]!)));
  return i < 0 ? [undefined, args] : [args[i], [...args.slice(0, i), ...args.slice(i + 1)]];
}

async function certificateId(thumbprint: string | undefined): Promise<string> {
  if (!thumbprint) throw new UsageError(`a thumbprint is required\n${USAGE}`);
  const id = await certificateIdOf(thumbprint);
  if (!id) throw new UsageError(`no certificate with thumbprint ${thumbprint}`);
  return id;
}

const subverbs: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  async accounts(args, io) {
    const v = parseVerbArgs(args, { as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
    if (!v) return EXIT_OK;
    const { listAcmeAccounts } = await import("@/lib/server/acme/list-acme-accounts");
    return runDatabaseVerb(
      io,
      { verb: "acme", as: v.as, json: v.json, target: "accounts" },
      async (actor) => ({ accounts: await listAcmeAccounts(actor) }),
      (r) => (r.accounts.length ? r.accounts.map((a) => `${a.name}  ${a.directoryUrl}  ${a.contactEmail}  EAB: ${a.eab ? a.eabKeyId : "none"}  DNS-01: ${a.rfc2136 ? `RFC 2136 via ${a.dnsUpdateServer}` : "manual"}${a.deactivatedAt ? "  (deactivated)" : ""}`).join("\n") : "No ACME CA is configured."),
    );
  },

  async issue(args, io) {
    const v = parseVerbArgs(
      args,
      {
        account: { type: "string" },
        server: { type: "string" },
        "friendly-name": { type: "string" },
        domain: { type: "string", multiple: true },
        "common-name": { type: "string" },
        solver: { type: "string" },
        "name-server": { type: "string", multiple: true },
        key: { type: "string" },
        "not-exportable": { type: "boolean" },
        "auto-enable": { type: "boolean" },
        as: { type: "string" },
        json: { type: "boolean" },
      },
      USAGE,
      io,
    );
    if (!v) return EXIT_OK;
    if (!v.account || !v.server || !v["friendly-name"] || !v.domain?.length) throw new UsageError(`--account, --server, --friendly-name and --domain are required\n${USAGE}`);
    const solver = v.solver ?? "rfc2136";
    if (solver !== "rfc2136" && solver !== "manual") throw new UsageError("--solver takes rfc2136 or manual");
    const key = v.key as (typeof KEYS)[number] | undefined;
    if (key !== undefined && !KEYS.includes(key)) throw new UsageError(`--key takes ${KEYS.join(", ")}`);
    const servers = await serverIdsOf(v.server);
    if (servers.unknown.length || !servers.ids.length) throw new UsageError(`unknown server(s): ${servers.unknown.join(", ") || v.server}`);
    const { db } = await import("@/lib/server/db");
    const account = await db.acmeAccount.findUnique({ where: { name: v.account }, select: { id: true } });
    if (!account) throw new UsageError(`no ACME account named ${v.account} (see certctl acme accounts)`);
    const { issueAcmeCertificate } = await import("@/lib/server/acme/issue-acme-certificate");
    const domains = v.domain;
    return runDatabaseVerb(
      io,
      { verb: "acme", as: v.as, json: v.json, target: `issue ${domains.join(",")}`.slice(0, 200) },
      async (actor) =>
        (await issueAcmeCertificate(actor, {
          accountId: account.id,
          serverIds: servers.ids,
          friendlyName: v["friendly-name"],
          commonName: v["common-name"] ?? domains[0],
          domains,
          solver,
          exportable: !v["not-exportable"],
          autoEnableServices: Boolean(v["auto-enable"]),
          ...(key ? { key } : {}),
          ...(v["name-server"]?.length ? { nameServers: v["name-server"] } : {}),
        })) as IssueResult,
      issueText,
    );
  },

  async confirm(all, io) {
    const [orderId, args] = positional(all);
    const v = parseVerbArgs(args, { as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
    if (!v) return EXIT_OK;
    if (!orderId) throw new UsageError(`an order id is required\n${USAGE}`);
    const { confirmAcmeDnsRecords } = await import("@/lib/server/acme/confirm-acme-dns-records");
    return runDatabaseVerb(io, { verb: "acme", as: v.as, json: v.json, target: `confirm ${orderId}` }, (actor) => confirmAcmeDnsRecords(actor, { acmeOrderId: orderId }) as Promise<IssueResult>, issueText);
  },

  async renew(all, io) {
    const [thumbprint, args] = positional(all);
    const v = parseVerbArgs(args, { as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
    if (!v) return EXIT_OK;
    const id = await certificateId(thumbprint);
    const { renewAcmeCertificate } = await import("@/lib/server/acme/renew-acme-certificate");
    return runDatabaseVerb(
      io,
      { verb: "acme", as: v.as, json: v.json, target: `renew ${thumbprint}` },
      (actor) => renewAcmeCertificate(actor, { certificateId: id }),
      (r) => `Renewed ${r.renews} as ${r.certificate.thumbprint}, expires ${r.certificate.notAfter.toISOString().slice(0, 10)}.${r.servicesEnabled ? " Its services moved to the new certificate." : r.pendingServices.length ? ` Waiting for approval to move ${r.pendingServices.join(", ")} (Settings → Certificate authorities).` : ""}`,
    );
  },

  async revoke(all, io) {
    const [thumbprint, args] = positional(all);
    const v = parseVerbArgs(args, { reason: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, USAGE, io);
    if (!v) return EXIT_OK;
    if (!v.reason) throw new UsageError(`--reason is required\n${USAGE}`);
    const id = await certificateId(thumbprint);
    const { revokeAcmeCertificate } = await import("@/lib/server/acme/revoke-acme-certificate");
    return runDatabaseVerb(
      io,
      { verb: "acme", as: v.as, json: v.json, target: `revoke ${thumbprint}` },
      (actor) => revokeAcmeCertificate(actor, { certificateId: id, reason: v.reason }),
      (r) => `Revoked ${r.thumbprint} through ACME (reason ${r.reason}, code ${r.reasonCode}).`,
    );
  },
};

/** `certctl acme …`: the console's ACME use-cases from the shell. */
export const run: CliCommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (!sub || sub === "--help" || sub === "-h") {
    io.out(USAGE);
    return EXIT_OK;
  }
  const verb = subverbs[sub];
  if (!verb) throw new UsageError(`unknown subcommand '${sub}'\n${USAGE}`);
  return verb(rest, io);
};
