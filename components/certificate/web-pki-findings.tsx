import type { WebPkiFinding } from "@/lib/pki/path/webpki-profile";
import { Notice } from "@/components/notice";

/**
 * The Web PKI findings next to the Exchange status: what browsers, Outlook and Office 365 will refuse even when
 * Exchange says Valid. Depth 0 is this certificate; higher depths are its issuers.
 */
export function WebPkiFindings({ findings }: { findings: readonly WebPkiFinding[] }) {
  if (findings.length === 0) return <p className="text-sm text-slate-600" data-testid="webpki-findings">Web PKI: no findings (browsers, Outlook and Office 365 rules).</p>;
  return (
    <div data-testid="webpki-findings">
      <Notice kind="warning" title={`Web PKI: ${findings.length} finding${findings.length === 1 ? "" : "s"} — browsers, Outlook or Office 365 may refuse this certificate`}>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {findings.map((f, i) => (
            <li key={i} data-code={f.code}>
              {f.depth > 0 ? <span className="font-medium">{f.depth === 1 ? "Issuer" : `Issuer at depth ${f.depth}`}: </span> : null}
              {f.message} <span className="text-xs text-amber-700">({f.rule})</span>
            </li>
          ))}
        </ul>
      </Notice>
    </div>
  );
}
