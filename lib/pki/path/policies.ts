/**
 * RFC 5280 §6.1 certificate-policy processing: the valid_policy_tree with explicit_policy, policy_mapping and
 * inhibit_anyPolicy, for user-initial-policy-set = {anyPolicy} with initial-explicit-policy,
 * initial-policy-mapping-inhibit and initial-any-policy-inhibit all false (the PKITS "default settings").
 * @packageDocumentation
 */
import type { PathCertificate } from "../certificate/certificate";

/** The anyPolicy OID. */
export const ANY_POLICY = "2.5.29.32.0";

interface PolicyNode {
  validPolicy: string;
  expected: Set<string>;
  parent: PolicyNode | null;
  children: PolicyNode[];
  depth: number;
}

/** Policy state carried from one certificate of the path to the next. */
export class PolicyProcessor {
  private levels: PolicyNode[][] | null;
  private explicitPolicy: number;
  private policyMapping: number;
  private inhibitAnyPolicy: number;

  /** @param pathLength n: the number of certificates in the path, excluding the trust anchor. */
  constructor(private readonly pathLength: number) {
    const root: PolicyNode = { validPolicy: ANY_POLICY, expected: new Set([ANY_POLICY]), parent: null, children: [], depth: 0 };
    this.levels = [[root]];
    this.explicitPolicy = pathLength + 1;
    this.policyMapping = pathLength + 1;
    this.inhibitAnyPolicy = pathLength + 1;
  }

  /**
   * Processes certificate i (1-based from the trust anchor, §6.1.3(d)–(f)) and, when it is not the last,
   * prepares for the next (§6.1.4(a),(b),(h)–(j)). Returns a problem message, or null.
   */
  process(certificate: PathCertificate, i: number): string | null {
    const last = i === this.pathLength;
    if (this.levels && certificate.policies) this.addPolicies(certificate, i, last);
    else this.levels = null;
    if (!last) {
      if (this.explicitPolicy <= 0 && this.levels === null) return "no valid certificate policy remains, and the path requires an explicit policy";
      const mappingProblem = this.applyMappings(certificate, i);
      if (mappingProblem) return mappingProblem;
      if (!certificate.selfIssued) {
        if (this.explicitPolicy > 0) this.explicitPolicy -= 1;
        if (this.policyMapping > 0) this.policyMapping -= 1;
        if (this.inhibitAnyPolicy > 0) this.inhibitAnyPolicy -= 1;
      }
      if (certificate.requireExplicitPolicy !== undefined) this.explicitPolicy = Math.min(this.explicitPolicy, certificate.requireExplicitPolicy);
      if (certificate.inhibitPolicyMapping !== undefined) this.policyMapping = Math.min(this.policyMapping, certificate.inhibitPolicyMapping);
      if (certificate.inhibitAnyPolicy !== undefined) this.inhibitAnyPolicy = Math.min(this.inhibitAnyPolicy, certificate.inhibitAnyPolicy);
    } else {
      if (this.explicitPolicy > 0) this.explicitPolicy -= 1;
      if (certificate.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    }
    if (last && this.explicitPolicy <= 0 && this.levels === null) return "no certificate policy is valid for the whole path, and an explicit policy is required";
    return null;
  }

  /** The policies valid for the path (authorities-constrained policy set); empty when the tree is NULL. */
  validPolicies(): string[] {
    return this.levels ? [...new Set((this.levels[this.levels.length - 1] ?? []).map((node) => node.validPolicy))] : [];
  }

  private addPolicies(certificate: PathCertificate, i: number, last: boolean): void {
    const levels = this.levels!;
    const previous = levels[i - 1] ?? [];
    const current: PolicyNode[] = [];
    const child = (parent: PolicyNode, policy: string, expected: Iterable<string>): void => {
      const node: PolicyNode = { validPolicy: policy, expected: new Set(expected), parent, children: [], depth: i };
      parent.children.push(node);
      current.push(node);
    };
    const policies = certificate.policies ?? [];
    for (const policy of policies) {
      if (policy === ANY_POLICY) continue;
      const matching = previous.filter((node) => node.expected.has(policy));
      if (matching.length > 0) matching.forEach((node) => child(node, policy, [policy]));
      else previous.filter((node) => node.validPolicy === ANY_POLICY).forEach((node) => child(node, policy, [policy]));
    }
    if (policies.includes(ANY_POLICY) && (this.inhibitAnyPolicy > 0 || (!last && certificate.selfIssued))) {
      for (const node of previous) {
        for (const value of node.expected) {
          if (!node.children.some((c) => c.validPolicy === value)) child(node, value, [value]);
        }
      }
    }
    levels[i] = current;
    this.prune(i);
  }

  private applyMappings(certificate: PathCertificate, i: number): string | null {
    const mappings = certificate.policyMappings;
    if (!mappings || mappings.length === 0) return null;
    if (mappings.some((m) => m.issuerDomainPolicy === ANY_POLICY || m.subjectDomainPolicy === ANY_POLICY)) return "a policy mapping maps to or from anyPolicy";
    if (!this.levels) return null;
    const level = this.levels[i] ?? [];
    const byIssuer = new Map<string, Set<string>>();
    for (const m of mappings) byIssuer.set(m.issuerDomainPolicy, (byIssuer.get(m.issuerDomainPolicy) ?? new Set()).add(m.subjectDomainPolicy));
    for (const [issuerPolicy, subjectPolicies] of byIssuer) {
      const nodes = level.filter((node) => node.validPolicy === issuerPolicy);
      if (this.policyMapping > 0) {
        if (nodes.length > 0) nodes.forEach((node) => (node.expected = new Set(subjectPolicies)));
        else {
          const any = level.find((node) => node.validPolicy === ANY_POLICY);
          if (any?.parent) {
            const node: PolicyNode = { validPolicy: issuerPolicy, expected: new Set(subjectPolicies), parent: any.parent, children: [], depth: i };
            any.parent.children.push(node);
            level.push(node);
          }
        }
      } else {
        for (const node of nodes) this.remove(node);
        this.prune(i);
      }
    }
    return null;
  }

  private remove(node: PolicyNode): void {
    const level = this.levels?.[node.depth];
    if (level) level.splice(level.indexOf(node), 1);
    if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
  }

  /** Deletes nodes above depth `i` without children, bottom up; the tree becomes NULL when the root goes. */
  private prune(i: number): void {
    const levels = this.levels!;
    for (let depth = i - 1; depth >= 0; depth -= 1) {
      for (const node of [...(levels[depth] ?? [])]) if (node.children.length === 0) this.remove(node);
    }
    if ((levels[0] ?? []).length === 0 || (levels[i] ?? []).length === 0) this.levels = null;
  }
}
