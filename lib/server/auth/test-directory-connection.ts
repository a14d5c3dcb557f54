import { DirectoryError, type DirectoryStep } from "@/lib/net/ldap-directory";
import type { Resolver } from "@/lib/net/address-guard";
import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { readSettings } from "../settings/get-settings";
import { addressPolicyFromSettings } from "../revocation/revocation-checker";
import { requirePermission, type Actor } from "./actor";
import { lookUpDirectoryAccount, parseDirectoryLogin } from "./look-up-directory-account";
import { roleForGroups } from "./sign-in-settings";
import { directoryTestSchema, signInSettingsSchema } from "@/lib/validations/sign-in-settings";

/** The report of "Test connection": each step (connect, tls, bind, search, groups) and the role the account would get. */
export interface DirectoryTestReport {
  ok: boolean;
  steps: DirectoryStep[];
  code: string | null;
  role: "admin" | "helpdesk" | null;
  groups: string[];
}

/**
 * Settings "Test connection" (admin only): runs a directory sign-in with the settings as they stand in the form (not
 * yet saved) and a test account, without creating a user or a session, and reports every step. The run is audited
 * (never the password).
 */
export async function testDirectoryConnection(actor: Actor | null, input: { settings: unknown; account: unknown }, now = new Date(), deps: { resolver?: Resolver } = {}): Promise<DirectoryTestReport> {
  requirePermission(actor, "mutate");
  const settings = signInSettingsSchema.safeParse(input.settings);
  const account = directoryTestSchema.safeParse(input.account);
  if (!settings.success || !account.success) {
    const issues = [...(settings.error?.issues ?? []), ...(account.error?.issues ?? [])];
    throw new AppError("ERR_VALIDATION", issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const login = parseDirectoryLogin(account.data.username, settings.data.ldapDomain);
  if (!login) throw new AppError("ERR_VALIDATION", "Test with a directory name: user@domain or DOMAIN\\user.");
  const outbound = await readSettings();
  const steps: DirectoryStep[] = [];
  let report: DirectoryTestReport;
  try {
    const found = await lookUpDirectoryAccount(settings.data, login, account.data.password, { policy: addressPolicyFromSettings(outbound), ...(deps.resolver ? { resolver: deps.resolver } : {}), timeoutMs: outbound.fetchTimeoutMs, now, steps });
    const mapped = roleForGroups(settings.data.roleMappings, "ldap", found.groups);
    report = { ok: true, steps, code: mapped ? null : "ERR_NO_MAPPED_ROLE", role: mapped?.role ?? null, groups: found.groups };
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    report = { ok: false, steps, code: error.code, role: null, groups: [] };
  }
  await writeAudit(db, actor, {
    action: "settings.signIn.testDirectory",
    targetType: "settings",
    targetId: "sign-in",
    details: { account: login.upn, url: settings.data.ldapUrl, code: report.code, role: report.role, steps: steps.map((s) => `${s.step}: ${s.ok ? "ok" : "failed"}`) },
    outcome: report.ok ? "success" : "failed",
  });
  return report;
}
