"use client";

import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import { Notice } from "@/components/notice";
import { downloadFile } from "./client-io";
import { EmsOutput } from "./ems-output";

/** The last page of the request wizards: the Base64 request to save as `.req` or copy to the clipboard. */
export function RequestResult({ id, csrPem, fileName, warnings = [], ems }: { id: string; csrPem: string; fileName: string; warnings?: string[]; ems?: string[] }) {
  return (
    <div className="space-y-3">
      <Notice kind="success" title="The request was saved as a pending request.">
        Send it to your certification authority, then use <Link className="underline" href={`/requests/${id}/complete`}>Complete Pending Request</Link> with the CA&apos;s answer.
      </Notice>
      <EmsOutput lines={ems} />
      {warnings.map((w) => (
        <Notice key={w} kind="warning">
          {w}
        </Notice>
      ))}
      <label className="block text-sm">
        Certificate request (Base64)
        <textarea readOnly className="field mt-1 h-56 w-full font-mono text-xs" value={csrPem} data-testid="csr-pem" />
      </label>
      <div className="flex gap-2">
        <button type="button" className="btn btn-primary" onClick={() => downloadFile(fileName, csrPem, "application/pkcs10")}>
          Download .req
        </button>
        <CopyButton text={csrPem} label="Copy to clipboard" what="request" />
        <Link className="btn" href="/requests">
          Go to Requests
        </Link>
      </div>
    </div>
  );
}
