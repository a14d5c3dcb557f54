import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { listApiTokens } from "@/lib/server/api-tokens/list-api-tokens";
import { scopeAllowedForRole, TOKEN_SCOPES } from "@/lib/server/auth/actor";
import { ApiTokens } from "./api-tokens";

export const metadata: Metadata = { title: "API" };

const SCOPE_HELP: Record<(typeof TOKEN_SCOPES)[number], string> = {
  read: "every GET: certificates, servers, findings, audit log (never key material)",
  diagnostics: "read, plus checks that change no configuration: revocation checks, probes, status jobs",
  mutate: "everything an administrator may do, including exports with the private key",
  "inventory:write": "only POST /api/v1/inventory, for the inventory collector script",
};

export default async function ApiPage() {
  const actor = await requireActor();
  const tokens = await listApiTokens(actor);
  const allowed = TOKEN_SCOPES.filter((s) => scopeAllowedForRole(s, actor.role));
  return (
    <>
      <PageHeader title="API" description="The REST API under /api/v1: JSON in and out, stable ERR_ codes, the same checks and audit as the console." />
      <div className="max-w-4xl space-y-4 text-sm">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Reference</h2>
          <p>
            The OpenAPI 3.1 document, generated from the same schemas the routes validate with:{" "}
            <a className="text-blue-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            . Every route, its body, its answers and its error codes are in it.
          </p>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Calling the API with a token</h2>
          <ol className="list-decimal space-y-1 pl-5">
            <li>Create a token below: a name (what uses it), the scopes it needs, and its lifetime in days.</li>
            <li>Copy the token (it starts with <code>cc_</code>): it is shown once, and only its SHA-256 is stored.</li>
            <li>
              Send it as <code>Authorization: Bearer cc_…</code>. For example, the certificates expiring within 30 days:
            </li>
          </ol>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {`curl -sS -H "Authorization: Bearer $CERTCONSOLE_TOKEN" \\
  "https://certconsole.contoso.com/api/v1/certificates?expiringWithinDays=30"`}
          </pre>
          <p className="mt-2">
            Scopes: {TOKEN_SCOPES.map((s) => (
              <span key={s} className="mr-3 inline-block">
                <code>{s}</code> — {SCOPE_HELP[s]}
              </span>
            ))}
          </p>
          <p className="mt-1">
            A token acts as the account that created it and never beyond that account&apos;s role: when the account is demoted the token loses what the role no longer allows, and when it is disabled the token stops working. A read-only token is refused (403 <code>ERR_FORBIDDEN</code>) on every change; an expired or revoked token gets 401 <code>ERR_UNAUTHENTICATED</code>.
          </p>
        </section>
        <ApiTokens tokens={tokens} allowedScopes={allowed} />
      </div>
    </>
  );
}
