import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";

/** One certificate request as the requests table shows it. */
export interface RequestRow {
  id: string;
  subject: string;
  domains: unknown;
  friendlyName: string;
  keyAlgorithm: string;
  publicKeySize: number;
  status: string;
  createdAt: Date;
  server: { name: string };
  createdBy: { username: string } | null;
  renews: { thumbprint: string } | null;
}

/** Certificate requests with their .req download and, for admins, Complete Pending Request. Wraps; never scrolls sideways. */
export function RequestsTable({ requests, canComplete, label = "Requests" }: { requests: RequestRow[]; canComplete: boolean; label?: string }) {
  return (
    <table className="table-dense w-full table-fixed rounded border border-slate-200 bg-white text-sm [overflow-wrap:anywhere]" aria-label={label}>
      <thead>
        <tr>
          <th className="w-[24%]">Name and subject</th>
          <th className="w-32">Status</th>
          <th className="w-20">Server</th>
          <th>Domains</th>
          <th className="w-20">Key</th>
          <th className="w-32">Requested</th>
          <th className="w-44">Actions</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>
              {r.friendlyName || r.subject}
              <div className="text-xs text-slate-600">
                {r.subject}
                {r.renews ? ` · renews ${r.renews.thumbprint}` : ""}
              </div>
            </td>
            <td>
              <StatusBadge status={r.status === "Pending" ? "PendingRequest" : r.status} />
            </td>
            <td>{r.server.name}</td>
            <td className="text-xs">{(Array.isArray(r.domains) ? (r.domains as string[]) : []).join(", ")}</td>
            <td className="text-xs">
              {r.keyAlgorithm} {r.publicKeySize}
            </td>
            <td className="text-xs">
              {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} by {r.createdBy?.username ?? "—"}
            </td>
            <td className="text-xs">
              <a className="block underline" href={`/api/v1/certificate-requests/${r.id}?format=req`} download aria-label={`Download .req of ${r.friendlyName || r.subject}`}>
                Download .req
              </a>
              {r.status === "Pending" && canComplete ? (
                <Link className="block underline" href={`/requests/${r.id}/complete`} aria-label={`Complete pending request ${r.friendlyName || r.subject}`}>
                  Complete Pending Request
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
