import type { Metadata } from "next";
import { LoginForm } from "./login-form";
import { safeNextPath } from "@/lib/validations/next-path";
import { signInOptions } from "@/lib/server/auth/get-sign-in-settings";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Why an OIDC sign-in came back to this page (the callback passes only the stable code). */
const OIDC_ERRORS: Record<string, string> = {
  ERR_OIDC_STATE_MISMATCH: "The sign-in response did not belong to a sign-in started here, or it expired. Start again.",
  ERR_OIDC_ISSUER_MISMATCH: "The sign-in response came from another issuer than the configured provider.",
  ERR_OIDC_CODE_REJECTED: "The provider refused the sign-in code (already used or expired). Start again.",
  ERR_OIDC_TOKEN_INVALID: "The provider's answer could not be verified.",
  ERR_OIDC_PROVIDER_ERROR: "The provider did not sign you in.",
  ERR_OIDC_UNREACHABLE: "The OpenID Provider could not be reached.",
  ERR_OIDC_DISCOVERY: "The OpenID Provider's configuration could not be read.",
  ERR_OIDC_SIGN_IN_OFF: "Sign-in with OpenID Connect is not enabled.",
  ERR_NO_MAPPED_ROLE: "Your account is in no group that has a role in this console. Ask an administrator to map your group.",
  ERR_ACCOUNT_CONFLICT: "A console account of the same name already exists; ask an administrator.",
  ERR_RATE_LIMITED: "Too many failed sign-ins from this address. Try again later.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  // The local form is the break-glass path: it renders even when the sign-in options cannot be read.
  const options = await signInOptions().catch(() => ({ oidc: null, directory: null }));
  const target = safeNextPath(next);
  const problem = error ? (OIDC_ERRORS[error] ?? "Sign-in failed.") : null;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">certconsole</h1>
      <p className="mb-4 text-sm text-slate-600">Exchange certificate management. Sign in to continue.</p>
      {problem ? (
        <p role="alert" className="mb-3 rounded border border-red-200 bg-red-50 px-2 py-1 text-sm text-red-800" data-code={error}>
          {problem}
        </p>
      ) : null}
      {options.oidc ? (
        <>
          <a className="btn btn-primary w-full justify-center" href={`/auth/oidc/start?next=${encodeURIComponent(target)}`}>
            Sign in with {options.oidc.displayName}
          </a>
          <p className="my-3 text-center text-xs text-slate-500">or with a user name and password</p>
        </>
      ) : null}
      <LoginForm next={target} directoryDomain={options.directory?.domain ?? null} directory={!!options.directory} />
    </main>
  );
}
