import { describe, expect, test } from "vitest";
import { ExtensibleFilter, FilterParser } from "ldapts";
import { adInChainFilter, escapeDnValue, escapeFilterValue, fillFilter, parseDirectoryLogin } from "./look-up-directory-account";
import { roleForGroups } from "./sign-in-settings";

describe("directory sign-in names, filters and role mapping", () => {
  test.each([
    ["carol@contoso.com", "contoso.com", { user: "carol", upn: "carol@contoso.com", name: "carol@contoso.com" }],
    ["CONTOSO\\carol", "contoso.com", { user: "carol", upn: "carol@contoso.com", name: "CONTOSO\\carol" }],
    ["CONTOSO\\carol", "", { user: "carol", upn: "carol@CONTOSO", name: "CONTOSO\\carol" }],
    ["admin", "contoso.com", null],
    ["a@b@c", "contoso.com", null],
    ["CONTOSO\\", "contoso.com", null],
    ["@contoso.com", "contoso.com", null],
  ])("parseDirectoryLogin(%j)", (typed, domain, expected) => {
    expect(parseDirectoryLogin(typed, domain)).toEqual(expected);
  });

  test("filter values are escaped (RFC 4515), so a typed name cannot widen the search", () => {
    expect(escapeFilterValue("*)(uid=*")).toBe("\\2a\\29\\28uid=\\2a");
    expect(fillFilter("(uid={user})", { user: "x)(|(uid=*" })).toBe("(uid=x\\29\\28|\\28uid=\\2a)");
    expect(escapeDnValue("Smith, John+x")).toBe("Smith\\, John\\+x");
    expect(escapeDnValue(" #lead")).toBe("\\ #lead");
  });

  test("the AD in-chain filter is what ldapts encodes as an extensible match with rule 1.2.840.113556.1.4.1941", () => {
    const filter = adInChainFilter("CN=Carol (IT),OU=Staff,DC=contoso,DC=com");
    expect(filter).toBe("(member:1.2.840.113556.1.4.1941:=CN=Carol \\28IT\\29,OU=Staff,DC=contoso,DC=com)");
    const parsed = FilterParser.parseString(filter);
    expect(parsed).toBeInstanceOf(ExtensibleFilter);
    expect(parsed).toMatchObject({ matchType: "member", rule: "1.2.840.113556.1.4.1941", value: "CN=Carol (IT),OU=Staff,DC=contoso,DC=com", dnAttributes: false });
  });

  test("roles: admin wins; LDAP groups match by DN or CN case-insensitively, OIDC values exactly; no match is null", () => {
    const mappings = [
      { source: "ldap" as const, group: "helpdesk", role: "helpdesk" as const },
      { source: "ldap" as const, group: "CN=Exchange Admins,OU=Groups,DC=contoso,DC=com", role: "admin" as const },
      { source: "oidc" as const, group: "5f1c-admins", role: "admin" as const },
    ];
    expect(roleForGroups(mappings, "ldap", ["cn=HelpDesk,ou=Groups,dc=contoso,dc=com", "cn=exchange admins,ou=groups,dc=contoso,dc=com"])).toEqual({ role: "admin", via: "cn=exchange admins,ou=groups,dc=contoso,dc=com" });
    expect(roleForGroups(mappings, "ldap", ["CN=Helpdesk,OU=Groups,DC=contoso,DC=com"])?.role).toBe("helpdesk");
    expect(roleForGroups(mappings, "oidc", ["5F1C-ADMINS", "helpdesk"])).toBeNull();
    expect(roleForGroups(mappings, "oidc", ["5f1c-admins"])?.role).toBe("admin");
    expect(roleForGroups(mappings, "ldap", [])).toBeNull();
  });
});
