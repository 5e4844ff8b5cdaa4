import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listRoleOptions } from "@/lib/data/roles";
import { listDeviceGroups, listUsers } from "@/lib/data/users";
import { pageParam } from "@/lib/domain/user-schemas";
import { AddUserDialog } from "./_components/add-user-dialog";
import { Pagination } from "./_components/pagination";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

// Console users, one server-side page at a time; every change goes through ./actions.ts.
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("users-roles.manage");
  const page = pageParam((await searchParams).page);
  const data = listUsers({ page });
  const roles = listRoleOptions();
  const groups = listDeviceGroups();
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Keyward, their role and device groups."
        actions={<AddUserDialog roles={roles} deviceGroups={groups} />}
      />
      {data.rows.length === 0 ? (
        <EmptyState
          icon={<Users className="size-8" aria-hidden />}
          title="No users on this page"
          description={`There are ${data.total} users in all.`}
          action={
            <Link href="/users" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
              Go to the first page
            </Link>
          }
        />
      ) : (
        <UsersTable users={data.rows} roles={roles} currentUserId={actor.id} />
      )}
      <Pagination basePath="/users" page={data.page} pageCount={data.pageCount} total={data.total} noun={["user", "users"]} />
    </>
  );
}
