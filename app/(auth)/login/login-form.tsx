"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";

export function LoginForm({ next, directory = false, directoryDomain = null }: { next: string; directory?: boolean; directoryDomain?: string | null }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-3" aria-describedby={state.error ? "login-error" : undefined}>
      <input type="hidden" name="next" value={next} />
      <label className="block">
        <span className="text-sm font-medium">User name</span>
        <input className="field mt-1 w-full" name="username" autoComplete="username" required autoFocus aria-describedby={directory ? "username-hint" : undefined} />
      </label>
      {directory ? (
        <p id="username-hint" className="text-xs text-slate-500">
          Directory accounts: <code>user@{directoryDomain || "domain"}</code> or <code>DOMAIN\user</code>.
        </p>
      ) : null}
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input className="field mt-1 w-full" name="password" type="password" autoComplete="current-password" required />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Authenticator code</span>{" "}
        <span className="text-xs text-slate-500">(only if your account has a second factor)</span>
        <input className="field mt-1 w-full" name="totpCode" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} />
      </label>
      {state.error ? (
        <p id="login-error" role="alert" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <button className="btn btn-primary w-full justify-center" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
