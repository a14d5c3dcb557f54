"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Notice } from "@/components/notice";
import { ImpactView } from "@/components/inventory/impact-view";
import type { RenewalImpact } from "@/lib/pki/exchange/renewal-impact";
import { approveAcmeRenewalAction, deactivateAcmeAccountAction, previewAcmeRenewalAction, renewAcmeCertificateAction, setAcmeRenewalModeAction } from "./acme-actions";

/** One ACME-issued certificate as Settings lists it. */
export interface AcmeCertificateRow {
  id: string;
  thumbprint: string;
  friendlyName: string;
  subject: string;
  notAfter: string;
  account: string;
  solver: string;
  mode: "automatic" | "approval";
  revoked: boolean;
  renewed: boolean;
  renews: { id: string; thumbprint: string } | null;
  pendingServices: string[];
}

type Message = { kind: "success" | "error" | "warning"; text: string } | null;

/** The Deactivate button of an ACME account (admin). */
export function DeactivateAccountButton({ accountId, name }: { accountId: string; name: string }) {
  const [message, setMessage] = useState<Message>(null);
  const [pending, start] = useTransition();
  return (
    <span>
      <button
        type="button"
        className="btn"
        disabled={pending}
        aria-label={`Deactivate ${name}`}
        onClick={() => {
          if (!window.confirm(`Deactivate the ACME account "${name}" at its CA? It cannot order or renew certificates afterwards.`)) return;
          start(async () => {
            const r = await deactivateAcmeAccountAction({ accountId });
            setMessage(r.ok ? { kind: "success", text: "Deactivated." } : { kind: "error", text: r.message });
          });
        }}
      >
        Deactivate
      </button>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </span>
  );
}

/** A pending renewal: the renewal impact preview, then Approve (moves the predecessor's services). */
function ApproveRenewal({ row }: { row: AcmeCertificateRow }) {
  const [impact, setImpact] = useState<RenewalImpact | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [pending, start] = useTransition();
  if (!row.renews) return null;
  const renews = row.renews;
  return (
    <div className="mt-1 space-y-2">
      {impact ? (
        <div className="rounded border border-slate-200 p-2">
          <ImpactView impact={impact} />
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />I acknowledge any revocation-check warning (warn but allow)
          </label>
          <button
            type="button"
            className="btn btn-primary mt-2"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await approveAcmeRenewalAction({ certificateId: row.id, acknowledged });
                setMessage(r.ok ? { kind: "success", text: `Approved: ${r.data.services.join(", ")} moved to ${row.thumbprint}.` } : { kind: "error", text: r.message });
              })
            }
          >
            Approve renewal
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="btn"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await previewAcmeRenewalAction({ certificateId: row.id, renewsCertificateId: renews.id });
              if (r.ok) setImpact(r.data);
              else setMessage({ kind: "error", text: r.message });
            })
          }
        >
          Review the renewal impact
        </button>
      )}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}

/** The renewal setting and Renew now of one ACME certificate (admin). */
function RenewalControls({ row }: { row: AcmeCertificateRow }) {
  const [message, setMessage] = useState<Message>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-1">
      <label className="block">
        <span className="sr-only">Renewal of {row.friendlyName || row.thumbprint}</span>
        <select
          className="field"
          aria-label={`Renewal of ${row.friendlyName || row.thumbprint}`}
          defaultValue={row.mode}
          disabled={pending}
          onChange={(e) => {
            const mode = e.target.value as AcmeCertificateRow["mode"];
            start(async () => {
              const r = await setAcmeRenewalModeAction({ certificateId: row.id, mode });
              setMessage(r.ok ? { kind: "success", text: mode === "automatic" ? "Services will move to the renewal automatically." : "Renewals will wait for approval." } : { kind: "error", text: r.message });
            });
          }}
        >
          <option value="automatic">Renew automatically</option>
          <option value="approval">Wait for approval</option>
        </select>
      </label>
      <button
        type="button"
        className="btn"
        disabled={pending}
        aria-label={`Renew ${row.friendlyName || row.thumbprint} now`}
        onClick={() =>
          start(async () => {
            const r = await renewAcmeCertificateAction({ certificateId: row.id });
            setMessage(
              r.ok
                ? { kind: "success", text: `Renewed as ${r.data.thumbprint}.${r.data.servicesEnabled ? " Services moved." : r.data.pendingServices.length ? ` Waiting for approval: ${r.data.pendingServices.join(", ")}.` : ""}` }
                : { kind: "error", text: r.message },
            );
          })
        }
      >
        {pending ? "Working…" : "Renew now"}
      </button>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}

/** Certificates issued through ACME: renewal setting, Renew now, and pending renewals to approve after the impact preview. */
export function AcmeCertificates({ rows, readOnly }: { rows: AcmeCertificateRow[]; readOnly: boolean }) {
  return (
    <table className="table-dense mt-3 w-full text-left text-sm" aria-label="Certificates issued through ACME">
      <thead>
        <tr>
          <th scope="col">Certificate</th>
          <th scope="col">Account</th>
          <th scope="col">Expires</th>
          <th scope="col">Renewal</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-thumbprint={r.thumbprint}>
            <td>
              <Link className="text-blue-800 hover:underline" href={`/certificates/${r.id}`}>
                {r.friendlyName || r.subject}
              </Link>
              <div className="font-mono text-xs">{r.thumbprint}</div>
              {r.renews ? <div className="text-xs">renews {r.renews.thumbprint}</div> : null}
              {r.pendingServices.length ? (
                <Notice kind="warning" title="Renewal waiting for approval">
                  Still on the previous certificate: {r.pendingServices.join(", ")}.
                  {readOnly ? null : <ApproveRenewal row={r} />}
                </Notice>
              ) : null}
            </td>
            <td>{r.account}</td>
            <td>{r.notAfter.slice(0, 10)}</td>
            <td>{r.revoked ? "revoked" : r.renewed ? "renewed" : readOnly ? (r.mode === "automatic" ? "renew automatically" : "wait for approval") : <RenewalControls row={r} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
