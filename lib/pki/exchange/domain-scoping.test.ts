import { describe, expect, test } from "vitest";
import { scopeCertificateDomains, type DomainScopeAnswers } from "./domain-scoping";

describe("scopeCertificateDomains", () => {
  const CASES: [string, DomainScopeAnswers, string[], string][] = [
    [
      "typical single-site Exchange 2010",
      {
        rootDomain: "contoso.com",
        owa: { external: ["mail.contoso.com"], internal: ["EXCH01.corp.contoso.com", "EXCH01"] },
        activeSync: { external: ["mail.contoso.com"] },
        outlookAnywhere: { external: ["mail.contoso.com"] },
        oab: { external: ["mail.contoso.com"], internal: ["exch01.corp.contoso.com"] },
      },
      ["mail.contoso.com", "exch01.corp.contoso.com", "exch01", "autodiscover.contoso.com"],
      "mail.contoso.com",
    ],
    [
      "autodiscover long and short forms for accepted domains",
      { rootDomain: "contoso.com", outlookAnywhere: { external: ["owa.contoso.com"] }, autodiscover: { longForm: true, shortForm: true }, acceptedDomains: ["fabrikam.com", "Contoso.com"] },
      ["owa.contoso.com", "autodiscover.contoso.com", "contoso.com", "autodiscover.fabrikam.com", "fabrikam.com"],
      "owa.contoso.com",
    ],
    [
      "wildcard covers one-label names but not other domains or deeper names",
      { rootDomain: "contoso.com", wildcard: true, owa: { external: ["mail.contoso.com"] }, hubTransport: { external: ["smtp.eu.contoso.com"] }, acceptedDomains: ["fabrikam.com"] },
      ["*.contoso.com", "smtp.eu.contoso.com", "autodiscover.fabrikam.com"],
      "*.contoso.com",
    ],
    [
      "POP, IMAP, UM, legacy host; CN falls back to the first name",
      { pop: { external: ["pop.contoso.com"] }, imap: { external: ["imap.contoso.com"] }, um: { internal: ["um01.contoso.com"] }, legacyHost: "legacy.contoso.com" },
      ["pop.contoso.com", "imap.contoso.com", "um01.contoso.com", "legacy.contoso.com"],
      "pop.contoso.com",
    ],
    [
      "CN prefers the OWA external name even when another service came first in the list",
      { activeSync: { external: ["eas.contoso.com"] }, owa: { external: ["webmail.contoso.com"] } },
      ["webmail.contoso.com", "eas.contoso.com"],
      "webmail.contoso.com",
    ],
  ];
  test.each(CASES)("%s", (_label, answers, domains, cn) => {
    const scope = scopeCertificateDomains(answers);
    expect(scope.domains).toEqual(domains);
    expect(scope.commonName).toBe(cn);
  });

  test("records which answers asked for each name", () => {
    const scope = scopeCertificateDomains(CASES[0]![1]);
    expect(scope.sources["mail.contoso.com"]).toEqual(["OWA (external)", "ActiveSync (external)", "Outlook Anywhere (external)", "OAB (external)"]);
  });

  test.each([
    ["internal names", CASES[0]![1], /internal names \(exch01\)/],
    ["wildcard for POP/IMAP", { rootDomain: "contoso.com", wildcard: true, imap: { external: ["imap.contoso.com"] } }, /discourages wildcard/],
    ["Outlook Anywhere without autodiscover", { outlookAnywhere: { external: ["mail.contoso.com"] }, autodiscover: { longForm: false } }, /no Autodiscover name/],
  ] as [string, DomainScopeAnswers, RegExp][])("warns about %s", (_l, answers, re) => {
    expect(scopeCertificateDomains(answers).warnings.join("\n")).toMatch(re);
  });

  test.each([
    [{ wildcard: true }, /needs a root domain/],
    [{}, /name no domain/],
    [{ owa: { external: ["mail_contoso.com"] } }, /OWA \(external\).*character "_"/],
    [{ pop: { internal: ["a..b.com"] } }, /two dots/],
  ] as [DomainScopeAnswers, RegExp][])("refuses %j", (answers, re) => {
    expect(() => scopeCertificateDomains(answers)).toThrowError(re);
  });
});
