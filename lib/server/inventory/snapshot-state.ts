import type { ServerSideState } from "@/lib/pki/exchange/drift";

/** What an inventory snapshot keeps of one server: enough to compute drift against the console later. */
export interface SnapshotState {
  certificates: { thumbprint: string; services: string[]; rootCaType: string; hasPrivateKey: boolean; privateKeyExportable: boolean; status: string }[];
  defaultSmtpThumbprint: string | null;
  /** Thumbprints of the machine stores, under the console's store names; null when the collector could not read them. */
  stores: { TrustedRoot: string[]; ThirdPartyRoot: string[]; Intermediate: string[] } | null;
  exchangeVersion: string;
  serverRole: string;
}

/** The server side of a drift comparison, from a stored snapshot. */
export function reportedSide(state: SnapshotState): ServerSideState {
  return {
    certificates: state.certificates,
    defaultSmtpThumbprint: state.defaultSmtpThumbprint,
    stores: state.stores
      ? { TrustedRoot: new Set(state.stores.TrustedRoot), ThirdPartyRoot: new Set(state.stores.ThirdPartyRoot), Intermediate: new Set(state.stores.Intermediate) }
      : null,
  };
}
