/**
 * RFC 5280 §6.1 certificate-policy processing: the valid_policy_tree with explicit_policy, policy_mapping and
 * inhibit_anyPolicy, driven by the §6.1.1 inputs (user-initial-policy-set, initial-explicit-policy,
 * initial-policy-mapping-inhibit, initial-any-policy-inhibit), and the §6.1.5(g) intersection with the user's set.
 * @packageDocumentation
 */
import type { PathCertificate } from "../certificate/certificate";

/** The anyPolicy OID. */
export const ANY_POLICY = "2.5.29.32.0";

/**
 * Most policy-tree nodes one path may create. Policies × mappings of hostile certificates can grow the tree
 * exponentially with the path length (OpenSSL CVE-2023-0464); real paths need a handful.
 */
export const MAX_POLICY_NODES = 10_000;

class PolicyTreeTooLarge extends Error {}

/**
 * The policy inputs of RFC 5280 §6.1.1(c), (e), (f), (g). Every field is optional; the defaults are the
 * "default settings" of NIST PKITS: user-initial-policy-set = {anyPolicy}, all three flags false.
 */
export interface PolicyInputs {
  /** user-initial-policy-set, dotted OIDs. Empty or containing anyPolicy means any-policy. */
  initialPolicySet?: readonly string[];
  /** initial-explicit-policy: the path must be valid for at least one policy of the user's set. */
  explicitPolicy?: boolean;
  /** initial-policy-mapping-inhibit. */
  inhibitPolicyMapping?: boolean;
  /** initial-any-policy-inhibit. */
  inhibitAnyPolicy?: boolean;
}

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
  /** The user-initial-policy-set, or null for any-policy. */
  private readonly userSet: ReadonlySet<string> | null;
  private nodeCount = 1;
  private tooLarge = false;

  /**
   * @param pathLength n: the number of certificates in the path, excluding the trust anchor.
   * @param inputs the §6.1.1 policy inputs (PKITS default settings when omitted).
   */
  constructor(
    private readonly pathLength: number,
    inputs: PolicyInputs = {},
  ) {
    const root: PolicyNode = { validPolicy: ANY_POLICY, expected: new Set([ANY_POLICY]), parent: null, children: [], depth: 0 };
    this.levels = [[root]];
    this.explicitPolicy = inputs.explicitPolicy ? 0 : pathLength + 1;
    this.policyMapping = inputs.inhibitPolicyMapping ? 0 : pathLength + 1;
    this.inhibitAnyPolicy = inputs.inhibitAnyPolicy ? 0 : pathLength + 1;
    const set = inputs.initialPolicySet ?? [];
    this.userSet = set.length === 0 || set.includes(ANY_POLICY) ? null : new Set(set);
  }

  /**
   * Processes certificate i (1-based from the trust anchor, §6.1.3(d)–(f)) and, when it is not the last,
   * prepares for the next (§6.1.4(a),(b),(h)–(j)); the last one gets the wrap-up (§6.1.5(a),(b),(g)).
   * Returns a problem message, or null.
   */
  process(certificate: PathCertificate, i: number): string | null {
    if (this.tooLarge) return null;
    const last = i === this.pathLength;
    try {
      if (this.levels && certificate.policies) this.addPolicies(certificate, i, last);
      else this.levels = null;
    } catch (error) {
      if (!(error instanceof PolicyTreeTooLarge)) throw error;
      this.tooLarge = true;
      this.levels = null;
      return `the certificate policies and policy mappings of the path would need more than ${MAX_POLICY_NODES} policy-tree nodes; processing was stopped (RFC 5280 §6.1.3(d))`;
    }
    if (last) return this.wrapUp(certificate);
    if (this.explicitPolicy <= 0 && this.levels === null) return "no valid certificate policy remains, and the path requires an explicit policy (RFC 5280 §6.1.3(f))";
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
    return null;
  }

  /**
   * The user-constrained policy set after the wrap-up, as dotted OIDs: the policies of the authorities' domain
   * (the first non-anyPolicy node of each branch) that survive the intersection, plus anyPolicy when a branch is
   * anyPolicy all the way down. Empty when the tree is NULL.
   */
  validPolicies(): string[] {
    if (!this.levels) return [];
    const out = new Set<string>();
    const walk = (node: PolicyNode): void => {
      if (node.validPolicy !== ANY_POLICY) {
        out.add(node.validPolicy);
        return;
      }
      if (node.depth === this.pathLength) out.add(ANY_POLICY);
      node.children.forEach(walk);
    };
    this.levels[0]?.forEach(walk);
    return [...out];
  }

  private wrapUp(certificate: PathCertificate): string | null {
    if (this.explicitPolicy > 0) this.explicitPolicy -= 1;
    if (certificate.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    if (this.levels && this.userSet) this.intersectWithUserSet(this.userSet);
    if (this.levels !== null) return null;
    if (this.explicitPolicy <= 0) return "no certificate policy is valid for the whole path, and an explicit policy is required (RFC 5280 §6.1.5(g))";
    if (this.userSet) return `none of the requested policies (${[...this.userSet].join(", ")}) is valid for the whole path (RFC 5280 §6.1.5(g), user-constrained policy set empty)`;
    return null;
  }

  /** §6.1.5(g)(iii): keeps the branches whose authority policy is in the user's set. */
  private intersectWithUserSet(userSet: ReadonlySet<string>): void {
    const levels = this.levels!;
    const n = this.pathLength;
    const nodeSet = levels.flat().filter((node) => node.parent?.validPolicy === ANY_POLICY);
    for (const node of nodeSet) if (node.validPolicy !== ANY_POLICY && !userSet.has(node.validPolicy)) this.removeSubtree(node);
    const anyLeaf = (levels[n] ?? []).find((node) => node.validPolicy === ANY_POLICY);
    if (anyLeaf?.parent) {
      const present = new Set(nodeSet.filter((node) => (levels[node.depth] ?? []).includes(node)).map((node) => node.validPolicy));
      for (const policy of userSet) {
        if (present.has(policy)) continue;
        const node: PolicyNode = { validPolicy: policy, expected: new Set([policy]), parent: anyLeaf.parent, children: [], depth: n };
        anyLeaf.parent.children.push(node);
        levels[n]!.push(node);
      }
      this.remove(anyLeaf);
    }
    this.prune(n);
  }

  private addPolicies(certificate: PathCertificate, i: number, last: boolean): void {
    const levels = this.levels!;
    const previous = levels[i - 1] ?? [];
    const current: PolicyNode[] = [];
    const child = (parent: PolicyNode, policy: string, expected: Iterable<string>): void => {
      if (++this.nodeCount > MAX_POLICY_NODES) throw new PolicyTreeTooLarge();
      const node: PolicyNode = { validPolicy: policy, expected: new Set(expected), parent, children: [], depth: i };
      parent.children.push(node);
      current.push(node);
    };
    const policies = certificate.policies ?? [];
    // Indexed once per level, so a certificate with many policies costs O(policies + nodes), not their product.
    const byExpected = new Map<string, PolicyNode[]>();
    for (const node of previous) {
      for (const value of node.expected) {
        const list = byExpected.get(value);
        if (list) list.push(node);
        else byExpected.set(value, [node]);
      }
    }
    const anyNodes = previous.filter((node) => node.validPolicy === ANY_POLICY);
    for (const policy of new Set(policies)) {
      if (policy === ANY_POLICY) continue;
      const matching = byExpected.get(policy) ?? [];
      (matching.length > 0 ? matching : anyNodes).forEach((node) => child(node, policy, [policy]));
    }
    if (policies.includes(ANY_POLICY) && (this.inhibitAnyPolicy > 0 || (!last && certificate.selfIssued))) {
      for (const node of previous) {
        const present = new Set(node.children.map((c) => c.validPolicy));
        for (const value of node.expected) if (!present.has(value)) child(node, value, [value]);
      }
    }
    levels[i] = current;
    this.prune(i);
  }

  private applyMappings(certificate: PathCertificate, i: number): string | null {
    const mappings = certificate.policyMappings;
    if (!mappings || mappings.length === 0) return null;
    if (mappings.some((m) => m.issuerDomainPolicy === ANY_POLICY || m.subjectDomainPolicy === ANY_POLICY)) return "a policy mapping maps to or from anyPolicy (RFC 5280 §6.1.4(a))";
    if (!this.levels) return null;
    const level = this.levels[i] ?? [];
    const byIssuer = new Map<string, Set<string>>();
    for (const m of mappings) byIssuer.set(m.issuerDomainPolicy, (byIssuer.get(m.issuerDomainPolicy) ?? new Set()).add(m.subjectDomainPolicy));
    for (const [issuerPolicy, subjectPolicies] of byIssuer) {
      if (!this.levels) break;
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
    if (level && level.includes(node)) level.splice(level.indexOf(node), 1);
    if (node.parent && node.parent.children.includes(node)) node.parent.children.splice(node.parent.children.indexOf(node), 1);
  }

  private removeSubtree(node: PolicyNode): void {
    [...node.children].forEach((c) => this.removeSubtree(c));
    this.remove(node);
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
