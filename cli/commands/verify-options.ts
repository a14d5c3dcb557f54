// certctl verify: the RFC 5280 §6.1.1 policy inputs and the validation profile, read from the parsed flags.
import type { PolicyInputs } from "@/lib/pki/path/policies";
import { VALIDATION_PROFILES, type ValidationProfile } from "@/lib/pki/path/webpki-codes";
import { UsageError } from "../io";

/** The flags of `certctl verify` this module reads. */
export interface PolicyFlags {
  policy?: string[];
  "explicit-policy"?: boolean;
  "inhibit-policy-mapping"?: boolean;
  "inhibit-any-policy"?: boolean;
  profile?: string;
}

const DOTTED_OID = /^[0-2](\.(0|[1-9]\d{0,9}))+$/;

/** `--policy OID` (repeatable), `--explicit-policy`, `--inhibit-policy-mapping`, `--inhibit-any-policy`. */
export function policyInputsOf(flags: PolicyFlags): PolicyInputs {
  const policies = flags.policy ?? [];
  for (const oid of policies) if (!DOTTED_OID.test(oid)) throw new UsageError(`--policy ${oid.slice(0, 80)} is not a dotted OID (for example 2.16.840.1.101.3.2.1.48.1; anyPolicy is 2.5.29.32.0)`);
  return {
    ...(policies.length > 0 ? { initialPolicySet: policies } : {}),
    explicitPolicy: flags["explicit-policy"] === true,
    inhibitPolicyMapping: flags["inhibit-policy-mapping"] === true,
    inhibitAnyPolicy: flags["inhibit-any-policy"] === true,
  };
}

/** `--profile rfc5280|webpki`, rfc5280 by default. */
export function profileOf(flags: PolicyFlags): ValidationProfile {
  const profile = flags.profile ?? "rfc5280";
  if (!(VALIDATION_PROFILES as readonly string[]).includes(profile)) throw new UsageError(`--profile must be one of ${VALIDATION_PROFILES.join(", ")}`);
  return profile as ValidationProfile;
}
