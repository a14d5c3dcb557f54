"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import { beginTotpEnrolmentAction, changeOwnPasswordAction, confirmTotpEnrolmentAction, disableOwnTotpAction } from "./actions";

type Message = { kind: "success" | "error"; text: string } | null;

/** Change your own password: the current one, then the new one twice. */
export function ChangePasswordForm() {
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", repeat: "" });
  const [message, setMessage] = useState<Message>(null);
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="Change password"
      className="rounded border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (values.newPassword !== values.repeat) return setMessage({ kind: "error", text: "The new passwords differ." });
        start(async () => {
          const r = await changeOwnPasswordAction({ currentPassword: values.currentPassword, newPassword: values.newPassword });
          setMessage(r.ok ? { kind: "success", text: "Your password was changed." } : { kind: "error", text: r.fieldErrors ? Object.values(r.fieldErrors).join(" ") : r.message });
          if (r.ok) setValues({ currentPassword: "", newPassword: "", repeat: "" });
        });
      }}
    >
      <h2 className="mb-2 text-sm font-semibold">Change password</h2>
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Current password
          <input className="field mt-1 block" type="password" autoComplete="current-password" value={values.currentPassword} onChange={(e) => setValues({ ...values, currentPassword: e.target.value })} required />
        </label>
        <label>
          New password
          <input className="field mt-1 block" type="password" autoComplete="new-password" minLength={12} value={values.newPassword} onChange={(e) => setValues({ ...values, newPassword: e.target.value })} required />
        </label>
        <label>
          Repeat new password
          <input className="field mt-1 block" type="password" autoComplete="new-password" value={values.repeat} onChange={(e) => setValues({ ...values, repeat: e.target.value })} required />
        </label>
        <button className="btn btn-primary" type="submit">
          Change password
        </button>
      </fieldset>
      {message ? (
        <div className="mt-2">
          <Notice kind={message.kind}>{message.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}

/** The TOTP second factor: set up (URI and secret, then a first code), or turn off with the password. */
export function SecondFactor({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<{ uri: string; secret: string } | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<Message>(null);
  const [pending, start] = useTransition();
  return (
    <section aria-label="Second factor" className="rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-2 text-sm font-semibold">Second factor (authenticator app)</h2>
      <p className="mb-2" data-testid="totp-state">
        {enabled ? "On: signing in asks for a 6-digit code from your authenticator app." : "Off: signing in needs only your password."}
      </p>
      {!enabled && !enrolment ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await beginTotpEnrolmentAction({});
              if (r.ok) setEnrolment(r.data);
              else setMessage({ kind: "error", text: r.message });
            })
          }
        >
          Set up an authenticator app
        </button>
      ) : null}
      {!enabled && enrolment ? (
        <form
          aria-label="Confirm authenticator"
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await confirmTotpEnrolmentAction({ code });
              if (r.ok) {
                setEnrolment(null);
                setMessage({ kind: "success", text: "The second factor is on." });
                router.refresh();
              } else setMessage({ kind: "error", text: r.message });
            });
          }}
        >
          <p>Add this account to your authenticator app with the link or the secret, then enter the code it shows.</p>
          <p>
            Link: <code className="break-all" data-testid="totp-uri">{enrolment.uri}</code>
          </p>
          <p>
            Secret: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <label className="block">
            Code from the app
            <input className="field mt-1 block w-32" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          </label>
          <button className="btn btn-primary" type="submit" disabled={pending}>
            Turn on
          </button>
        </form>
      ) : null}
      {enabled ? (
        <form
          aria-label="Turn off second factor"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await disableOwnTotpAction({ currentPassword: password });
              setMessage(r.ok ? { kind: "success", text: "The second factor is off." } : { kind: "error", text: r.message });
              if (r.ok) router.refresh();
            });
          }}
        >
          <label>
            Current password
            <input className="field mt-1 block" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <button className="btn" type="submit" disabled={pending}>
            Turn off
          </button>
        </form>
      ) : null}
      {message ? (
        <div className="mt-2">
          <Notice kind={message.kind}>{message.text}</Notice>
        </div>
      ) : null}
    </section>
  );
}
