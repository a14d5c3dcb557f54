import { describe, expect, test } from "vitest";
import { Name } from "@peculiar/x509";
import { appendRdn, canonicalName } from "./canonical-name";
import { describeName } from "./distinguished-name";

const der = (dn: string) => new Uint8Array(new Name(dn).toArrayBuffer());

describe("names", () => {
  test.each([
    { a: "CN=Contoso CA, O=Contoso", b: "CN=contoso ca, O=CONTOSO", equal: true },
    { a: "CN=Contoso  CA, O=Contoso", b: "CN= Contoso CA , O=Contoso", equal: true },
    { a: "CN=Contoso CA, O=Contoso", b: "O=Contoso, CN=Contoso CA", equal: false },
    { a: "CN=Contoso CA", b: "CN=Contoso CA 2", equal: false },
  ])("$a vs $b → $equal (RFC 5280 §7.1)", ({ a, b, equal }) => {
    expect(canonicalName(der(a)).key === canonicalName(der(b)).key).toBe(equal);
  });

  test("a relative name appends one RDN", () => {
    const base = der("C=US, O=Test");
    const full = der("C=US, O=Test, CN=CRL1");
    const rdn = der("CN=CRL1").subarray(2); // the SET inside the one-RDN SEQUENCE
    expect(appendRdn(base, rdn).key).toBe(canonicalName(full).key);
  });

  test("readable form, and garbage never throws", () => {
    expect(describeName(der("C=US, O=Contoso, CN=mail.contoso.com"))).toBe("CN=mail.contoso.com, O=Contoso, C=US"); // CN-first, as Windows shows it
    expect(describeName(new Uint8Array([1, 2]))).toMatch(/^#/);
  });
});
