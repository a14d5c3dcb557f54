import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Notice } from "@/components/notice";
import { requireActor } from "@/lib/actions/current-actor";
import { can } from "@/lib/server/auth/actor";
import { listUsers } from "@/lib/server/users/list-users";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  const header = (
    <PageHeader
      title="Users"
      description="Console accounts with their role, where they come from and when they last signed in. Local accounts are the break-glass path: create, disable, reset them here."
    />
  );
  if (!can(actor, "mutate")) {
    return (
      <>
        {header}
        <Notice kind="info" title="Accounts are managed by administrators">
          The helpdesk role cannot see or change accounts. Your own password and second factor are on the{" "}
          <a className="underline" href="/account">
            Account
          </a>{" "}
          page.
        </Notice>
      </>
    );
  }
  return (
    <>
      {header}
      <UsersAdmin users={await listUsers(actor)} me={actor.userId} />
    </>
  );
}
