/** The Windows names of the certificate stores. */
export const STORE_LABELS: Record<string, string> = {
  TrustedRoot: "Trusted Root Certification Authorities",
  ThirdPartyRoot: "Third-Party Root Certification Authorities",
  Intermediate: "Intermediate Certification Authorities",
  Enterprise: "Enterprise Trust",
  GroupPolicy: "Group Policy (GPO-delivered roots)",
};
