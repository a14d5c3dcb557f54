/** Internal-only suffixes that are never an organization's accepted (public) domain. */
const INTERNAL = /\.(local|lan|internal|intranet|corp|private|home|localdomain)$/i;

/**
 * The organization's accepted domain as the wizards prefill it: the parent domain of the first server FQDN that
 * is not internal-only (e.g. edge1.contoso.com → contoso.com), else `contoso.com`.
 */
export function acceptedDomainOf(fqdns: readonly string[]): string {
  const external = fqdns.map((f) => f.trim().toLowerCase()).find((f) => f.includes(".") && !INTERNAL.test(f));
  return external ? external.split(".").slice(1).join(".") || external : "contoso.com";
}
