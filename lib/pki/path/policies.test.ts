// The policy tree under hostile input: certificates whose policies × mappings would grow the valid_policy_tree
// exponentially (OpenSSL CVE-2023-0464) are refused with a problem once the node budget is spent; an ordinary
// path with the same shape but few policies is processed normally. Certificates are the PKITS trust anchor's
// parsed form with the policy fields replaced (the processor reads nothing else).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { pathCertificate, type PathCertificate } from "../certificate/certificate";
import { ANY_POLICY, MAX_POLICY_NODES, PolicyProcessor } from "./policies";

const base = pathCertificate(new Uint8Array(readFileSync("/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/certs/GoodCACert.crt")));
const oid = (k: number) => `1.3.6.1.4.1.55555.1.${k}`;

function meshChain(length: number, width: number): PathCertificate[] {
  const policies = Array.from({ length: width }, (_, k) => oid(k));
  const mappings = policies.flatMap((issuerDomainPolicy) => policies.filter((p) => p !== issuerDomainPolicy).map((subjectDomainPolicy) => ({ issuerDomainPolicy, subjectDomainPolicy })));
  return Array.from({ length }, () => ({ ...base, selfIssued: false, policies: [...policies, ANY_POLICY], policyMappings: mappings }));
}

function run(chain: PathCertificate[]): { problems: string[]; validPolicies: string[] } {
  const processor = new PolicyProcessor(chain.length);
  const problems = chain.map((cert, i) => processor.process(cert, i + 1)).filter((p): p is string => p !== null);
  return { problems, validPolicies: processor.validPolicies() };
}

describe("PolicyProcessor node budget", () => {
  test(`a 12-certificate mesh of 8 policies mapped to each other stops at ${MAX_POLICY_NODES} nodes with one problem`, () => {
    const { problems, validPolicies } = run(meshChain(12, 8));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/would need more than 10000 policy-tree nodes/);
    expect(validPolicies).toEqual([]);
  });

  test("the same shape with 2 policies over 4 certificates is processed normally", () => {
    const { problems, validPolicies } = run(meshChain(4, 2));
    expect(problems).toEqual([]);
    expect(validPolicies.sort()).toEqual([oid(0), oid(1), ANY_POLICY].sort());
  });
});
