import { beforeAll, describe, expect, test } from "vitest";
import { wizardOrg } from "./__fixtures__/wizard-org";

let org: Awaited<ReturnType<typeof wizardOrg>>;
beforeAll(async () => {
  org = await wizardOrg();
});

async function pending() {
  const { newCertificateRequest } = await import("./new-certificate-request");
  return newCertificateRequest(org.admin, { serverId: (await org.server("EX01")).id, friendlyName: "To complete", commonName: "complete.contoso.com", domains: ["complete.contoso.com"] });
}

describe("completePendingRequest", () => {
  test.each([
    ["a PEM certificate", false],
    ["a PEM bundle with the CA", true],
  ])("%s completes the request: installed with the stored key, request completed, audited", async (_name, withChain) => {
    const { completePendingRequest } = await import("./complete-pending-request");
    const request = await pending();
    const result = await completePendingRequest(org.admin, { requestId: request.id, answer: new Uint8Array(org.sign(request.csrPem, withChain)) });
    const cert = await org.db.certificate.findUniqueOrThrow({ where: { id: result.id }, include: { installations: { include: { server: true } }, privateKey: true } });
    const row = await org.db.certificateRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "Completed", completedCertificateId: cert.id, privateKeyId: cert.privateKeyId });
    expect(cert.installations.map((i) => [i.server.name, i.hasPrivateKey, i.privateKeyExportable])).toEqual([["EX01", true, true]]);
    expect(cert.friendlyName).toBe("To complete");
    expect(await org.db.auditEvent.count({ where: { action: "certificate.request.complete", targetId: cert.id } })).toBe(1);
    if (withChain) expect(await org.db.certificate.count({ where: { subject: { contains: "Wizard Test CA" } } })).toBe(1);
  });

  test.each([
    ["an answer for another key", () => org.pfx("other", "x").pem, "ERR_REQUEST_KEY_MISMATCH"],
    ["a corrupt file", () => new Uint8Array([0x30, 0x82, 0x01, 0x00, 1, 2, 3]), undefined],
    ["the request itself", null, "ERR_ANSWER_NO_CERTIFICATE"],
  ] as const)("%s is refused and nothing changes", async (_name, answerOf, code) => {
    const { completePendingRequest } = await import("./complete-pending-request");
    const request = await pending();
    const answer = answerOf ? answerOf() : new TextEncoder().encode(request.csrPem);
    const before = await org.counts();
    const error = await completePendingRequest(org.admin, { requestId: request.id, answer }).catch((e: unknown) => e as { code: string });
    expect(error).toMatchObject({ code: expect.stringMatching(/^ERR_/) });
    if (code) expect(error).toMatchObject({ code });
    expect(await org.counts()).toEqual(before);
    expect((await org.db.certificateRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("Pending");
  });

  test("helpdesk is refused", async () => {
    const { completePendingRequest } = await import("./complete-pending-request");
    const request = await pending();
    await expect(completePendingRequest(org.helpdesk, { requestId: request.id, answer: new Uint8Array(org.sign(request.csrPem)) })).rejects.toMatchObject({ code: "ERR_FORBIDDEN" });
    expect((await org.db.certificateRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("Pending");
  });
});

describe("completePendingRequest with a PKCS#7 answer", () => {
  test("a .p7b with the issued certificate and its CA completes the request", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { completePendingRequest } = await import("./complete-pending-request");
    const request = await pending();
    fs.writeFileSync(path.join(org.dir, "p7-answer.pem"), org.sign(request.csrPem, true));
    org.openssl("crl2pkcs7", "-nocrl", "-certfile", "p7-answer.pem", "-outform", "DER", "-out", "p7-answer.p7b");
    const result = await completePendingRequest(org.admin, { requestId: request.id, answer: new Uint8Array(fs.readFileSync(path.join(org.dir, "p7-answer.p7b"))) });
    expect((await org.db.certificateRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("Completed");
    expect(result.thumbprint).toMatch(/^[0-9A-F]{40}$/);
  });
});
