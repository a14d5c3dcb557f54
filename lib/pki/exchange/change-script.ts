/**
 * The ordered change script of a renewal impact, as a commented `.ps1` for the Exchange Management Shell:
 * import on every server, enable the services, point connectors and IMAP/POP at the new certificate, the Auth
 * configuration, Edge re-subscription, the services to restart, then remove the old certificate — and a
 * rollback section that puts the old certificate back. Quoting comes from the one EMS module ({@link ./ems}).
 * @packageDocumentation
 */
import { enableCommand, exportCommand, importCommand, powerShellArgument, powerShellList, quotePowerShell, quotePowerShellLiteral, removeCommand, renewCommand, EMS_FILE_FOLDER } from "./ems";
import type { RenewalImpact } from "./renewal-impact";

/** Placeholder used while the new certificate's thumbprint is unknown (pending request). */
export const UNKNOWN_THUMBPRINT = "NEW-CERTIFICATE-THUMBPRINT";

/** Windows services behind each Exchange service, restarted after a certificate change. */
export const SERVICES_TO_RESTART: Readonly<Record<string, readonly string[]>> = {
  SMTP: ["MSExchangeTransport", "MSExchangeFrontEndTransport"],
  IMAP: ["MSExchangeIMAP4", "MSExchangeIMAP4BE"],
  POP: ["MSExchangePOP3", "MSExchangePOP3BE"],
};

/** Options of {@link renderChangeScript}. */
export interface ChangeScriptOptions {
  /** When the script was produced (written in the header). */
  generatedAt: Date;
  /** `-NewCertificateEffectiveDate` for the Auth configuration (at least 48 hours ahead). */
  authEffectiveDate: Date;
}

const restart = (server: string, services: readonly string[]) =>
  `Get-Service -ComputerName ${powerShellArgument(server)} -Name ${powerShellList(services)} | Restart-Service`;

/** The `.ps1` text of a renewal impact. */
export function renderChangeScript(impact: RenewalImpact, options: ChangeScriptOptions): string {
  const oldT = impact.old.thumbprint;
  const newT = impact.replacement.thumbprint ?? UNKNOWN_THUMBPRINT;
  const pfx = `${newT}.pfx`;
  const out: string[] = [];
  const section = (title: string) => out.push("", `# --- ${title}`);
  const line = (...lines: string[]) => out.push(...lines);

  line(
    `# certconsole change script: ${impact.operation} ${oldT} (${impact.old.subject})`,
    `#   with ${newT} (${impact.replacement.subject})`,
    `# Generated ${options.generatedAt.toISOString()}. Review each line, then run it in the Exchange Management Shell.`,
    "# The steps are ordered: a later step relies on the earlier ones.",
  );
  // Renewing a self-signed certificate makes the new one at once (no CA): on the first server, then copied.
  const selfSignedRenewal = impact.replacement.thumbprint === null && impact.old.isSelfSigned;
  if (selfSignedRenewal) line(`# The new self-signed certificate is made by step 1: replace ${UNKNOWN_THUMBPRINT} with the thumbprint it prints.`);
  else if (impact.replacement.thumbprint === null) line(`# The new certificate is a pending request: replace ${UNKNOWN_THUMBPRINT} with its thumbprint once the CA has answered.`);
  for (const note of impact.notes) line(`# Note: ${note}`);

  section("1. Import the new certificate on every server that has the old one");
  const [first] = impact.bindings;
  if (selfSignedRenewal && first) {
    line(...renewCommand({ server: first.serverName, thumbprint: oldT, exportable: true, selfSigned: true }));
    if (impact.bindings.length > 1) line(...exportCommand({ server: first.serverName, thumbprint: newT, fileName: pfx, withPrivateKey: true }));
  }
  for (const b of impact.bindings) {
    if (selfSignedRenewal && b === first) continue;
    if (b.replacementInstalled) line(`# ${b.serverName}: already installed`);
    else line(...importCommand({ server: b.serverName, fileName: pfx, withPassword: true, exportable: impact.replacement.exportable }));
  }

  section("2. Enable the old certificate's services on the new certificate");
  for (const b of impact.bindings) {
    if (b.services.length === 0) line(`# ${b.serverName}: the old certificate serves nothing there`);
    else line(...enableCommand({ server: b.serverName, thumbprint: newT, services: b.services, force: b.isDefaultSmtp }));
  }

  section("3. Connectors that pin the old certificate (TlsCertificateName)");
  if (impact.connectors.length === 0) line("# none");
  for (const c of impact.connectors) {
    if (c.stillMatches === true) line(`# ${c.kind} connector ${c.identity}: same issuer and subject, no change needed`);
    else if (c.stillMatches === null) {
      line(`# ${c.kind} connector ${c.identity}: same subject; no change if the issued certificate's issuer is again the old one. Otherwise:`);
      line(`# Set-${c.kind}Connector -Identity ${quotePowerShell(c.identity)} -TlsCertificateName ${quotePowerShell(`<I>ISSUER-OF-THE-NEW-CERTIFICATE<S>${impact.replacement.subject}`)}`);
    } else line(`Set-${c.kind}Connector -Identity ${quotePowerShell(c.identity)} -TlsCertificateName ${quotePowerShell(c.newTlsCertificateName)}${c.hybrid ? " # hybrid: also update the Office 365 connector's TlsSenderCertificateName / certificate domain if the subject changed" : ""}`);
  }

  section("4. IMAP and POP certificate names");
  if (impact.protocols.length === 0) line("# none");
  for (const p of impact.protocols) {
    const cmd = p.protocol === "IMAP" ? "Set-ImapSettings" : "Set-PopSettings";
    if (p.coveredByReplacement) line(`${cmd} -Server ${powerShellArgument(p.serverName)} -X509CertificateName ${powerShellArgument(p.x509CertificateName)}`);
    else line(`# ${p.serverName} ${p.protocol}: ${p.x509CertificateName} is not a name of the new certificate; choose one of its names:`, `# ${cmd} -Server ${powerShellArgument(p.serverName)} -X509CertificateName <name>`);
  }

  section("5. Auth configuration (OAuth certificate)");
  if (!impact.authConfig) line("# the old certificate is not the Auth certificate");
  else if (impact.authConfig === "current") {
    const date = options.authEffectiveDate.toISOString();
    line(
      `Set-AuthConfig -NewCertificateThumbprint ${powerShellArgument(newT)} -NewCertificateEffectiveDate ([datetime]::Parse(${quotePowerShellLiteral(date)}))`,
      `# On or after ${date}, once the new certificate is on every server:`,
      "Set-AuthConfig -PublishCertificate",
      "Set-AuthConfig -ClearPreviousCertificate",
    );
  } else line(`# the old certificate is the ${impact.authConfig} Auth certificate: run Set-AuthConfig -NewCertificateThumbprint ${newT} if it is to stay the next one`);

  section("6. Edge subscriptions that embed the old certificate");
  if (impact.edgeSubscriptions.length === 0) line("# none");
  for (const e of impact.edgeSubscriptions) {
    const file = quotePowerShellLiteral(`${EMS_FILE_FOLDER}${e.name}-subscription.xml`);
    line(
      `# On ${e.name}, in its Exchange Management Shell (the organization may first need Remove-EdgeSubscription -Identity ${powerShellArgument(e.name)}):`,
      `#   New-EdgeSubscription -FileName ${file}`,
      `New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes(${file})) -Site ${quotePowerShell(e.site)}`,
      "Start-EdgeSynchronization",
    );
  }

  section("7. Restart the services that read the certificate at start");
  const restarted = new Set<string>();
  for (const b of impact.bindings) {
    const names = [...new Set(b.services.flatMap((s) => SERVICES_TO_RESTART[s] ?? []))];
    if (impact.connectors.some((c) => c.servers.includes(b.serverName)) && !names.includes("MSExchangeTransport")) names.push(...SERVICES_TO_RESTART.SMTP!);
    if (names.length > 0) {
      line(restart(b.serverName, names));
      restarted.add(b.serverName);
    }
    if (b.services.includes("IIS")) line(`# ${b.serverName} IIS: the HTTPS binding changes at once; recycle MSExchangeOWAAppPool and MSExchangeECPAppPool if clients still see the old certificate`);
  }
  if (impact.authConfig === "current") line("# after Set-AuthConfig -PublishCertificate, on every Mailbox server:", "Restart-Service MSExchangeServiceHost", "Restart-WebAppPool -Name MSExchangeOWAAppPool,MSExchangeECPAppPool");
  if (restarted.size === 0 && impact.authConfig !== "current") line("# none");

  section("8. Remove the old certificate once mail flow and sign-in are confirmed");
  for (const b of impact.bindings) line(...removeCommand({ server: b.serverName, thumbprint: oldT }));

  section("Rollback (before step 8: the old certificate is still installed)");
  for (const b of impact.bindings) if (b.services.length > 0) line(...enableCommand({ server: b.serverName, thumbprint: oldT, services: b.services, force: b.isDefaultSmtp }));
  for (const c of impact.connectors) if (c.stillMatches !== true) line(`Set-${c.kind}Connector -Identity ${quotePowerShell(c.identity)} -TlsCertificateName ${quotePowerShell(c.tlsCertificateName)}`);
  for (const p of impact.protocols) line(`${p.protocol === "IMAP" ? "Set-ImapSettings" : "Set-PopSettings"} -Server ${powerShellArgument(p.serverName)} -X509CertificateName ${powerShellArgument(p.x509CertificateName)}`);
  if (impact.authConfig === "current") line(`Set-AuthConfig -NewCertificateThumbprint ${powerShellArgument(oldT)} -NewCertificateEffectiveDate (Get-Date)`, "Set-AuthConfig -PublishCertificate");
  for (const b of impact.bindings) {
    const names = [...new Set(b.services.flatMap((s) => SERVICES_TO_RESTART[s] ?? []))];
    if (names.length > 0) line(restart(b.serverName, names));
  }
  return `${out.join("\n")}\n`;
}
