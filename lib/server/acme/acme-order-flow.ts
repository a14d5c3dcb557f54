import type * as acme from "acme-client";
import { AppError } from "../errors";
import type { AcmeProblem } from "./acme-http";
import { describeProblem } from "./acme-problem";
import { challengeRecordName, type DnsChallengeRecord } from "./dns-solvers/dns-solver";

type Challenge = acme.Authorization["challenges"][number];

/** An ACME order with the DNS-01 challenges still to answer and the TXT records that answer them. */
export interface DnsOrder {
  order: acme.Order;
  challenges: Array<{ challenge: Challenge; record: DnsChallengeRecord }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function dnsChallenges(client: acme.Client, order: acme.Order): Promise<DnsOrder> {
  const challenges: DnsOrder["challenges"] = [];
  for (const authz of await client.getAuthorizations(order)) {
    if (authz.status === "valid") continue;
    const challenge = authz.challenges.find((c) => c.type === "dns-01");
    if (!challenge) throw new AppError("ERR_ACME_NO_DNS01", `The CA offers no DNS-01 challenge for ${authz.identifier.value}; the console answers DNS-01 only.`);
    const value = await client.getChallengeKeyAuthorization(challenge);
    challenges.push({ challenge, record: { domain: authz.identifier.value, name: challengeRecordName(authz.identifier.value), value } });
  }
  return { order, challenges };
}

/** Places a new order for the DNS identifiers and reads the DNS-01 challenge of every pending authorization. */
export async function placeDnsOrder(client: acme.Client, domains: readonly string[]): Promise<DnsOrder> {
  const order = await client.createOrder({ identifiers: domains.map((value) => ({ type: "dns", value })) });
  return dnsChallenges(client, order);
}

/** Reads back an order placed earlier (the manual solver's second step) with its challenges. */
export async function resumeDnsOrder(client: acme.Client, orderUrl: string): Promise<DnsOrder> {
  const order = await client.getOrder({ url: orderUrl } as acme.Order);
  return dnsChallenges(client, order);
}

/** The validation failure of an authorization as an `ERR_ACME_VALIDATION`-like AppError, with the CA's problem in words. */
function validationError(authz: acme.Authorization): AppError {
  const failed = authz.challenges.find((c) => c.status === "invalid" && c.error) ?? authz.challenges.find((c) => c.error);
  const problem = (failed?.error ?? { type: "urn:ietf:params:acme:error:unauthorized", detail: `authorization ${authz.status}` }) as AcmeProblem;
  const { code, message } = describeProblem(problem);
  return new AppError(code === "ERR_ACME_PROBLEM" ? "ERR_ACME_VALIDATION" : code, `Validation of ${authz.identifier.value} failed. ${message}`, { problemType: problem.type, problemDetail: problem.detail, domain: authz.identifier.value });
}

/**
 * Tells the CA the records are in place, waits (bounded, about a minute) until every authorization is valid, then
 * finalizes with the CSR and downloads the certificate chain (PEM). A failed authorization throws with the CA's problem.
 */
export async function validateAndFinalize(client: acme.Client, placed: DnsOrder, csrPem: string): Promise<string> {
  for (const { challenge } of placed.challenges) await client.completeChallenge(challenge);
  for (let attempt = 0; ; attempt++) {
    const authorizations = await client.getAuthorizations(placed.order);
    const invalid = authorizations.find((a) => a.status !== "valid" && a.status !== "pending");
    if (invalid) throw validationError(invalid);
    if (authorizations.every((a) => a.status === "valid")) break;
    if (attempt >= 60) throw new AppError("ERR_ACME_TIMEOUT", "The CA did not finish validating the domains within a minute; the order was left as it is.");
    await sleep(Math.min(250 * (attempt + 1), 2000));
  }
  const finalized = await client.finalizeOrder(placed.order, csrPem);
  return client.getCertificate(finalized);
}
