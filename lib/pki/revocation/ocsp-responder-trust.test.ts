// The RFC 6960 §4.2.2.2.1 rule on its own, table-driven over responder certificates made with openssl
// (the lab's nocheck responder and its plain responder with a CDP), with the pointers removed for the bare shape.
import { beforeAll, describe, expect, test } from "vitest";
import { certFacts, type CertFacts } from "./cert-info";
import { judgeDelegatedResponder, type ResponderStatusCheck } from "./ocsp-responder-trust";
import { makeLab, type Lab } from "./__fixtures__/openssl-lab";

let lab: Lab;
let withNoCheck: CertFacts;
let withCdp: CertFacts;
let bare: CertFacts;

beforeAll(() => {
  lab = makeLab();
  withNoCheck = certFacts(lab.responder);
  withCdp = certFacts(lab.plainResponder);
  bare = { ...withCdp, distributionPoints: null, ocspUrls: [] };
});

describe("judgeDelegatedResponder", () => {
  test("the fixtures have the shapes the table needs", () => {
    expect(withNoCheck.ocspNoCheck).toBe(true);
    expect(withCdp.ocspNoCheck).toBe(false);
    expect(withCdp.distributionPoints).not.toBeNull();
  });

  const answers = (status: "good" | "revoked" | "unknown"): { check: ResponderStatusCheck; asked: string[] } => {
    const asked: string[] = [];
    return { asked, check: async (r) => (asked.push(r.serialHex), status) };
  };

  test.each([
    { shape: "nocheck", status: "unknown", nested: false, accepted: true, basis: "nocheck", asks: 0, reason: /carries id-pkix-ocsp-nocheck/ },
    { shape: "cdp", status: "good", nested: false, accepted: true, basis: "checked", asks: 1, reason: /checked through its CRL distribution point: not revoked/ },
    { shape: "cdp", status: "revoked", nested: false, accepted: false, asks: 1, reason: /has been revoked \(checked through its CRL distribution point\)/ },
    { shape: "cdp", status: "unknown", nested: false, accepted: false, asks: 1, reason: /could not be checked through the CRL distribution point it names/ },
    { shape: "cdp", status: "revoked", nested: true, accepted: true, basis: "not-checkable", asks: 0, reason: /one level deep only/ },
    { shape: "bare", status: "revoked", nested: false, accepted: true, basis: "not-checkable", asks: 0, reason: /neither id-pkix-ocsp-nocheck nor a CRL distribution point or OCSP URL/ },
  ] as const)("$shape, pointers say $status, nested $nested → accepted $accepted", async ({ shape, status, nested, accepted, asks, reason, ...rest }) => {
    const responder = shape === "nocheck" ? withNoCheck : shape === "cdp" ? withCdp : bare;
    const { check, asked } = answers(status);
    const trust = await judgeDelegatedResponder(responder, { checkPointers: check, nested });
    expect(trust.accepted).toBe(accepted);
    if (trust.accepted) expect(trust.basis).toBe("basis" in rest ? rest.basis : undefined);
    expect(trust.reason).toMatch(reason);
    expect(asked.length).toBe(asks);
  });
});
