import { Nav } from "@/components/nav";
import { Notice } from "@/components/notice";
import { currentActor, redirectToSignIn } from "@/lib/actions/current-actor";
import { isDatabaseUnavailable } from "@/lib/server/errors";
import { signOutAction } from "../(auth)/login/actions";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  let actor;
  try {
    actor = await currentActor();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <main className="mx-auto mt-24 max-w-lg">
        <Notice kind="error" title="The certconsole database cannot be opened">
          The database file is missing, unreadable or damaged. Nothing was changed. Restore the file under data/ from a
          backup, or move it aside and restart the console to create a fresh one.
        </Notice>
      </main>
    );
  }
  if (!actor) return redirectToSignIn();
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 flex-col overflow-y-auto bg-slate-800">
        <div className="px-4 py-3 text-base font-semibold text-white">certconsole</div>
        <Nav />
        <div className="mt-auto border-t border-slate-700 p-3 text-xs text-slate-300">
          <p>
            Signed in as <strong data-testid="whoami">{actor.username}</strong>
          </p>
          <p>
            Role: <span data-testid="role">{actor.role}</span>
            {actor.role === "helpdesk" ? " (read-only)" : ""}
          </p>
          <form action={signOutAction}>
            <button className="mt-2 text-slate-200 underline hover:text-white" type="submit">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-5">{children}</main>
    </div>
  );
}
