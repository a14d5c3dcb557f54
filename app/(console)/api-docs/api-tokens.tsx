"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { CopyButton } from "@/components/copy-button";
import type { ApiTokenView, TokenScope } from "@/lib/validations/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");

/** The token list (revoke) and the form that creates one and shows it once. */
export function ApiTokens({ tokens, allowedScopes }: { tokens: ApiTokenView[]; allowedScopes: TokenScope[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-label="API tokens">
      <h2 className="mb-2 font-semibold">API tokens</h2>
      {created ? (
        <Notice kind="success" title={`Token "${created.name}" created`}>
          Copy it now: it is not shown again.
          <span className="mt-1 block">
            <code className="break-all" data-testid="new-token">
              {created.token}
            </code>
          </span>
          <CopyButton text={created.token} label="Copy token" what="token" />
        </Notice>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form
        aria-label="Create API token"
        className="my-3 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await createApiTokenAction({ name, scopes, expiresInDays: Number(days) });
            if (r.ok) {
              setCreated({ name: r.data.name, token: r.data.token });
              setError(null);
              setName("");
              router.refresh();
            } else setError(r.fieldErrors ? Object.values(r.fieldErrors).join(" ") : r.message);
          });
        }}
      >
        <label>
          Token name
          <input className="field mt-1 block w-56" value={name} onChange={(e) => setName(e.target.value)} placeholder="inventory collector EXMBX1" required />
        </label>
        <fieldset className="flex gap-3">
          <legend className="sr-only">Scopes</legend>
          {allowedScopes.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />
              {s}
            </label>
          ))}
        </fieldset>
        <label>
          Expires in (days)
          <input className="field mt-1 block w-24" type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} required />
        </label>
        <button className="btn btn-primary" type="submit" disabled={pending}>
          Create token
        </button>
      </form>
      <table className="table-dense w-full text-sm" aria-label="Tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Scopes</th>
            <th>Created by</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>State</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 ? (
            <tr>
              <td colSpan={8} className="text-slate-600">
                No API tokens yet.
              </td>
            </tr>
          ) : null}
          {tokens.map((t) => {
            const state = t.state;
            return (
              <tr key={t.id} data-testid={`token-${t.name}`}>
                <td className="font-semibold">{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{t.scopes.join(", ")}</td>
                <td>{t.createdBy}</td>
                <td>{when(t.expiresAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>{state}</td>
                <td>
                  {state === "active" ? (
                    <button
                      type="button"
                      className="btn"
                      disabled={pending}
                      onClick={() =>
                        start(async () => {
                          const r = await revokeApiTokenAction({ id: t.id });
                          if (!r.ok) setError(r.message);
                          router.refresh();
                        })
                      }
                    >
                      Revoke<span className="sr-only"> {t.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
