/**
 * Drift: where the console's record of a server and the server's last inventory disagree — a certificate only on
 * one side, a service binding only on one side, a different default SMTP certificate, a different RootCAType,
 * a trust store entry only on one side. Each item carries the Exchange Management Shell lines that would make
 * the server match the console; the other way (accepting the server's state) is the server layer's job.
 * @packageDocumentation
 */
import { enableCommand, importCommand, quotePowerShellLiteral, removeCommand, EMS_FILE_FOLDER } from "./ems";

/** The console's trust stores and the machine stores the collector reads (Root, AuthRoot, CA). */
export const MACHINE_STORES = { TrustedRoot: "Root", ThirdPartyRoot: "AuthRoot", Intermediate: "CA" } as const;

/** A console store compared with a machine store. */
export type ComparedStore = keyof typeof MACHINE_STORES;

/** One side's view of a server. */
export interface ServerSideState {
  certificates: readonly { thumbprint: string; services: readonly string[]; rootCaType: string; hasPrivateKey: boolean; privateKeyExportable: boolean }[];
  defaultSmtpThumbprint: string | null;
  /** Thumbprints per store; null when unknown (the collector could not read the stores). */
  stores: Record<ComparedStore, ReadonlySet<string>> | null;
}

/** The kinds of drift. */
export type DriftKind =
  | "CertificateOnlyOnServer"
  | "CertificateOnlyInConsole"
  | "BindingOnlyOnServer"
  | "BindingOnlyInConsole"
  | "DefaultSmtpDiffers"
  | "RootCaTypeDiffers"
  | "TrustStoreOnlyOnServer"
  | "TrustStoreOnlyInConsole";

/** One difference between the console and the server. */
export interface DriftItem {
  /** Stable key, e.g. `BindingOnlyInConsole:EX01:SMTP:THUMB`: what "accept" names. */
  key: string;
  kind: DriftKind;
  serverName: string;
  thumbprint: string;
  service?: string;
  store?: ComparedStore;
  /** What the console says, and what the server says. */
  console: string;
  server: string;
  message: string;
  /** Lines that make the server match the console. */
  commands: string[];
}

/** Input of {@link computeDrift}. */
export interface DriftInput {
  serverName: string;
  console: ServerSideState;
  server: ServerSideState;
  /** Thumbprints of every certificate the console knows: only those are compared in the trust stores. */
  knownThumbprints: ReadonlySet<string>;
}

const onServer = (server: string, line: string) => `${line} # run on ${server}`;

/** The differences between the console's record of one server and its last inventory, in a stable order. */
export function computeDrift(input: DriftInput): DriftItem[] {
  const items: DriftItem[] = [];
  const name = input.serverName;
  const consoleCerts = new Map(input.console.certificates.map((c) => [c.thumbprint, c]));
  const serverCerts = new Map(input.server.certificates.map((c) => [c.thumbprint, c]));
  const add = (item: Omit<DriftItem, "key" | "serverName">) =>
    items.push({ ...item, serverName: name, key: [item.kind, name, item.service ?? item.store ?? "", item.thumbprint].join(":") });

  for (const [t, c] of serverCerts) {
    if (consoleCerts.has(t)) continue;
    add({ kind: "CertificateOnlyOnServer", thumbprint: t, console: "not installed", server: `installed${c.services.length ? ` (${c.services.join(", ")})` : ""}`, message: `${t} is installed on ${name} but the console does not record it there.`, commands: removeCommand({ server: name, thumbprint: t }) });
  }
  for (const [t, c] of consoleCerts) {
    if (serverCerts.has(t)) continue;
    add({ kind: "CertificateOnlyInConsole", thumbprint: t, console: "installed", server: "not installed", message: `The console records ${t} on ${name}, but the server does not have it.`, commands: importCommand({ server: name, fileName: `${t}.pfx`, withPassword: c.hasPrivateKey, exportable: c.privateKeyExportable }) });
  }
  for (const [t, c] of consoleCerts) {
    const reported = serverCerts.get(t);
    if (!reported) continue;
    for (const service of c.services) {
      if (reported.services.includes(service)) continue;
      add({ kind: "BindingOnlyInConsole", thumbprint: t, service, console: `${service} enabled`, server: `${service} not enabled`, message: `The console has ${service} on ${t} at ${name}; the server does not.`, commands: enableCommand({ server: name, thumbprint: t, services: [service], force: service === "SMTP" && input.console.defaultSmtpThumbprint === t }) });
    }
    for (const service of reported.services) {
      if (c.services.includes(service)) continue;
      const replacement = [...consoleCerts.values()].find((o) => o.thumbprint !== t && o.services.includes(service));
      add({
        kind: "BindingOnlyOnServer",
        thumbprint: t,
        service,
        console: `${service} not enabled`,
        server: `${service} enabled`,
        message: `${name} serves ${service} with ${t}; the console does not record that.`,
        commands: replacement
          ? enableCommand({ server: name, thumbprint: replacement.thumbprint, services: [service], force: service === "SMTP" })
          : [`# Exchange has no command that only removes ${service} from a certificate: enable another certificate for ${service} on ${name}, or accept the server's state.`],
      });
    }
    if (c.rootCaType !== reported.rootCaType && c.rootCaType !== "Unknown") {
      add({ kind: "RootCaTypeDiffers", thumbprint: t, console: c.rootCaType, server: reported.rootCaType, message: `RootCAType of ${t} on ${name}: the console computes ${c.rootCaType} from its trust stores, the server reports ${reported.rootCaType}.`, commands: [`# RootCAType follows the trust stores: see the trust store differences of ${name}.`] });
    }
  }
  const cd = input.console.defaultSmtpThumbprint;
  const sd = input.server.defaultSmtpThumbprint;
  if ((cd ?? "") !== (sd ?? "") && (cd || sd)) {
    add({ kind: "DefaultSmtpDiffers", thumbprint: cd ?? sd ?? "", console: cd ?? "none", server: sd ?? "none", message: `The default SMTP certificate of ${name} is ${cd ?? "not set"} in the console and ${sd ?? "not set"} on the server.`, commands: cd ? enableCommand({ server: name, thumbprint: cd, services: ["SMTP"], force: true }) : [`# The console records no default SMTP certificate for ${name}: accept the server's state.`] });
  }
  if (input.console.stores && input.server.stores) {
    for (const store of Object.keys(MACHINE_STORES) as ComparedStore[]) {
      const machine = MACHINE_STORES[store];
      const mine = input.console.stores[store];
      const theirs = input.server.stores[store];
      for (const t of theirs) {
        if (mine.has(t) || !input.knownThumbprints.has(t)) continue;
        add({ kind: "TrustStoreOnlyOnServer", thumbprint: t, store, console: `not in ${store}`, server: `in ${machine}`, message: `${t} is in ${name}'s ${machine} store; the console does not record it in ${store}.`, commands: [onServer(name, `Remove-Item -Path ${quotePowerShellLiteral(`Cert:\\LocalMachine\\${machine}\\${t}`)}`)] });
      }
      for (const t of mine) {
        if (theirs.has(t)) continue;
        add({ kind: "TrustStoreOnlyInConsole", thumbprint: t, store, console: `in ${store}`, server: `not in ${machine}`, message: `The console records ${t} in ${name}'s ${store} store; the server's ${machine} store does not have it.`, commands: [onServer(name, `Import-Certificate -FilePath ${quotePowerShellLiteral(`${EMS_FILE_FOLDER}${t}.cer`)} -CertStoreLocation ${quotePowerShellLiteral(`Cert:\\LocalMachine\\${machine}`)}`)] });
      }
    }
  }
  return items;
}
