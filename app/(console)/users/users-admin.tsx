"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/notice";
import type { UserView } from "@/lib/server/users/list-users";
import { createLocalUserAction, resetLocalUserAction, setUserDisabledAction, setUserRoleAction } from "./actions";

type Message = { kind: "success" | "error"; text: string; secret?: string };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");

/** The account list with Disable/Enable, role and Reset, and the form to create a local account. */
export function UsersAdmin({ users, me }: { users: UserView[]; me: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, start] = useTransition();
  const [form, setForm] = useState({ username: "", role: "helpdesk" as "admin" | "helpdesk", password: "" });

  const run = (work: () => Promise<Message>) =>
    start(async () => {
      setMessage(await work());
      router.refresh();
    });

  return (
    <div className="space-y-4">
      {message ? (
        <Notice kind={message.kind}>
          {message.text}
          {message.secret ? (
            <span className="mt-1 block">
              Password (shown once): <code data-testid="generated-password">{message.secret}</code>
            </span>
          ) : null}
        </Notice>
      ) : null}
      <table className="table-dense w-full rounded border border-slate-200 bg-white text-sm" aria-label="Accounts">
        <thead>
          <tr>
            <th>User name</th>
            <th>Role</th>
            <th>Source</th>
            <th>Second factor</th>
            <th>Last sign-in</th>
            <th>State</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.username}`}>
              <td className="font-semibold">
                {u.username}
                {u.id === me ? " (you)" : ""}
              </td>
              <td>
                <select
                  aria-label={`Role of ${u.username}`}
                  className="field"
                  value={u.role}
                  disabled={pending}
                  onChange={(e) =>
                    run(async () => {
                      const r = await setUserRoleAction({ id: u.id, role: e.target.value as "admin" | "helpdesk" });
                      return r.ok ? { kind: "success", text: `${u.username} is now ${e.target.value}.` } : { kind: "error", text: r.message };
                    })
                  }
                >
                  <option value="admin">admin</option>
                  <option value="helpdesk">helpdesk</option>
                </select>
              </td>
              <td>{u.source}</td>
              <td>{u.totpEnabled ? "TOTP" : "none"}</td>
              <td>{when(u.lastSignInAt)}</td>
              <td>{u.disabled ? <span className="font-semibold text-red-700">disabled</span> : "enabled"}</td>
              <td className="space-x-2 whitespace-nowrap">
                <button
                  type="button"
                  className="btn"
                  disabled={pending}
                  onClick={() =>
                    run(async () => {
                      const r = await setUserDisabledAction({ id: u.id, disabled: !u.disabled });
                      return r.ok ? { kind: "success", text: `${u.username} is ${u.disabled ? "enabled" : "disabled"}.` } : { kind: "error", text: r.message };
                    })
                  }
                >
                  {u.disabled ? `Enable` : `Disable`}
                  <span className="sr-only"> {u.username}</span>
                </button>
                {u.source === "local" ? (
                  <button
                    type="button"
                    className="btn"
                    disabled={pending}
                    onClick={() => {
                      if (!window.confirm(`Reset ${u.username}? A new password is generated, their sessions end and their second factor is removed.`)) return;
                      run(async () => {
                        const r = await resetLocalUserAction({ id: u.id, removeTotp: true });
                        return r.ok ? { kind: "success", text: `${u.username} was reset.`, secret: r.data.generatedPassword } : { kind: "error", text: r.message };
                      });
                    }}
                  >
                    Reset<span className="sr-only"> {u.username}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        aria-label="Create a local account"
        className="max-w-3xl rounded border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const r = await createLocalUserAction({ username: form.username, role: form.role, ...(form.password ? { password: form.password } : {}) });
            if (!r.ok) return { kind: "error", text: r.fieldErrors ? Object.values(r.fieldErrors).join(" ") : r.message };
            setForm({ username: "", role: "helpdesk", password: "" });
            return { kind: "success", text: `Created ${r.data.username} (${r.data.role}).`, ...(r.data.generatedPassword ? { secret: r.data.generatedPassword } : {}) };
          });
        }}
      >
        <h2 className="mb-2 text-sm font-semibold">Create a local account</h2>
        <fieldset disabled={pending} className="flex flex-wrap items-end gap-3 text-sm">
          <label>
            User name
            <input className="field mt-1 block w-48" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
          </label>
          <label>
            Role
            <select className="field mt-1 block" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as "admin" | "helpdesk" })}>
              <option value="helpdesk">helpdesk</option>
              <option value="admin">admin</option>
            </select>
          </label>
          <label>
            Password <span className="text-xs text-slate-500">(empty: generate one)</span>
            <input className="field mt-1 block w-56" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
          <button className="btn btn-primary" type="submit">
            Create account
          </button>
        </fieldset>
      </form>
    </div>
  );
}
