import { describe, expect, test } from "vitest";
import { derOid, derSequence, derSet, derTlv } from "../asn1/der-writer";
import { formatDistinguishedName, formatNameDer, parseDistinguishedName } from "./distinguished-name";

describe("Exchange subject names", () => {
  test.each([
    ["C=US,S=WA,L=Redmond,O=Contoso,OU=IT,CN=mail.contoso.com", ["C", "S", "L", "O", "OU", "CN"], "CN=mail.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US"],
    ["c=us, st=WA, o=Contoso, cn=mail.contoso.com", ["C", "S", "O", "CN"], "CN=mail.contoso.com, O=Contoso, S=WA, C=US"],
    ["CN=mail.contoso.com,O=Contoso,C=US", ["C", "O", "CN"], "CN=mail.contoso.com, O=Contoso, C=US"],
    ['C=US,O="Contoso, Ltd.",CN=mail.contoso.com', ["C", "O", "CN"], 'CN=mail.contoso.com, O="Contoso, Ltd.", C=US'],
    ["C=US,O=Contoso\\, Ltd.,CN=x", ["C", "O", "CN"], 'CN=x, O="Contoso, Ltd.", C=US'],
    ["CN=mail.contoso.com", ["CN"], "CN=mail.contoso.com"],
    ["E=admin@contoso.com,CN=x", ["E", "CN"], "CN=x, E=admin@contoso.com"],
  ])("%s", (text, types, display) => {
    const attrs = parseDistinguishedName(text);
    expect(attrs.map((a) => a.type)).toEqual(types);
    expect(formatDistinguishedName(attrs)).toBe(display);
  });

  test.each([
    ["", /empty/],
    ["C=USA,CN=x", /two-letter/],
    ["Q=1,CN=x", /Unknown attribute type "Q"/],
    ["CN=", /empty/],
    ["CN=x,bogus", /not of the form TYPE=value/],
    ['O="open', /unterminated quote/],
    [`CN=${"a".repeat(65)}`, /longer than 64/],
  ])("refuses %j", (text, re) => {
    expect(() => parseDistinguishedName(text)).toThrowError(expect.objectContaining({ code: "ERR_SUBJECT_INVALID", message: expect.stringMatching(re) }));
  });

  test("a DER name with a BMPString and an unknown attribute is formatted CN first", () => {
    const atv = (oid: string, value: Uint8Array) => derSet(derSequence(derOid(oid), value));
    const name = derSequence(atv("2.5.4.6", derTlv(0x13, new TextEncoder().encode("DE"))), atv("1.2.3.4", derTlv(0x0c, new TextEncoder().encode("x"))), atv("2.5.4.3", derTlv(0x1e, Uint8Array.of(0, 0x4d, 0, 0xfc))));
    expect(formatNameDer(name)).toBe("CN=Mü, OID.1.2.3.4=x, C=DE");
  });
});
