import type { DnsSolver } from "./dns-solver";

/**
 * The manual solver: the console shows the exact TXT records, the admin publishes them and confirms; the propagation
 * pre-check ({@link checkTxtPropagation}) then asks the authoritative name servers before the CA is told to validate.
 */
export function manualSolver(): DnsSolver {
  return { kind: "manual", present: async () => undefined, cleanup: async () => undefined };
}
