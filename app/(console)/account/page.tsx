import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/actions/current-actor";
import { getOwnAccount } from "@/lib/server/users/get-own-account";
import { ChangePasswordForm, SecondFactor } from "./account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const account = await getOwnAccount(await requireActor());
  return (
    <>
      <PageHeader title="Your account" description={`${account.username} (${account.role}). Change your password and set up a second factor for signing in.`} />
      <div className="grid max-w-3xl gap-4">
        <ChangePasswordForm />
        <SecondFactor enabled={account.totpEnabled} />
      </div>
    </>
  );
}
