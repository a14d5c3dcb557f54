import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBind9, type Bind9Server } from "@/test/harness/bind9";
import { rfc2136Solver } from "./rfc2136-solver";
import { checkTxtPropagation } from "./txt-propagation";
import { encodeName, encodeTxtUpdate, signWithTsig } from "./dns-update-message";

let bind: Bind9Server;
beforeAll(async () => {
  bind = await startBind9("contoso.test");
});
afterAll(async () => bind?.stop());

const policy = { allowList: ["127.0.0.1"] };
const record = (domain: string, value: string) => ({ domain, name: `_acme-challenge.${domain}`, value });

describe("DNS UPDATE encoding", () => {
  test("names are lower-cased, length-prefixed and end with the root label", () => {
    expect([...encodeName("Mail.Contoso.test.")]).toEqual([4, ...Buffer.from("mail"), 7, ...Buffer.from("contoso"), 4, ...Buffer.from("test"), 0]);
    expect(() => encodeName(`${"a".repeat(64)}.test`)).toThrow(expect.objectContaining({ code: "ERR_DNS_NAME" }));
  });

  test("the TSIG record is appended and counted in ARCOUNT", () => {
    const message = encodeTxtUpdate(0x1234, "contoso.test", [{ action: "add", name: "_acme-challenge.mail.contoso.test", value: "v" }]);
    const { signed, mac } = signWithTsig(message, bind.tsig, new Date("2026-12-01T00:00:00Z"));
    expect(signed.readUInt16BE(10)).toBe(1);
    expect(mac.length).toBe(32);
    expect(signed.subarray(0, message.length).subarray(12).equals(message.subarray(12))).toBe(true);
  });
});

describe("rfc2136Solver against a real BIND", () => {
  test("adds the TXT records with a TSIG-signed update, verified by dig, and deletes exactly those values", async () => {
    const solver = rfc2136Solver({ server: bind.address, key: bind.tsig, policy });
    const records = [record("mail.contoso.test", "first-value"), record("mail.contoso.test", "second-value"), record("autodiscover.contoso.test", "third")];
    await solver.present(records);
    expect((await bind.txt("_acme-challenge.mail.contoso.test")).sort()).toEqual(["first-value", "second-value"]);
    expect(await checkTxtPropagation(records, policy, [bind.address])).toEqual(expect.arrayContaining([expect.objectContaining({ name: "_acme-challenge.autodiscover.contoso.test", ok: true })]));
    await solver.cleanup([records[0]!]);
    expect(await bind.txt("_acme-challenge.mail.contoso.test")).toEqual(["second-value"]);
    await solver.cleanup(records.slice(1));
    expect(await bind.txt("_acme-challenge.mail.contoso.test")).toEqual([]);
  });

  test("a wrong TSIG secret is refused by the server: ERR_DNS_UPDATE_REFUSED, nothing written", async () => {
    const solver = rfc2136Solver({ server: bind.address, key: { ...bind.tsig, secret: Buffer.alloc(32, 7).toString("base64") }, policy });
    await expect(solver.present([record("owa.contoso.test", "x")])).rejects.toMatchObject({ code: "ERR_DNS_UPDATE_REFUSED", message: expect.stringContaining("NOTAUTH") });
    expect(await bind.txt("_acme-challenge.owa.contoso.test")).toEqual([]);
  });

  test("a name outside the server's zones is refused; a loopback server not allow-listed is blocked", async () => {
    const solver = rfc2136Solver({ server: bind.address, key: bind.tsig, policy });
    await expect(solver.present([record("mail.fabrikam.test", "x")])).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_DNS_/) });
    const blocked = rfc2136Solver({ server: bind.address, key: bind.tsig, policy: {} });
    await expect(blocked.present([record("mail.contoso.test", "x")])).rejects.toMatchObject({ code: "ERR_DNS_BLOCKED_ADDRESS" });
  });

  test("the propagation pre-check reports a missing record per server", async () => {
    const [result] = await checkTxtPropagation([record("ews.contoso.test", "not-there")], policy, [bind.address]);
    expect(result).toMatchObject({ ok: false, found: [], server: bind.address });
  });
});
