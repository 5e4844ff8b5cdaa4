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
import { UserSearch } from "./_components/user-search";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

// Console users, one server-side page at a time; every change goes through ./actions.ts.
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("users-roles.manage");
  const sp = await searchParams;
  const page = pageParam(sp.page);
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
  const data = listUsers({ page, q });
  const roles = listRoleOptions(actor);
  const groups = listDeviceGroups();
  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Keyward, their role and device groups."
        actions={<AddUserDialog roles={roles} deviceGroups={groups} />}
      />
      <UserSearch key={q} q={q} />
      {data.rows.length === 0 ? (
        <EmptyState
          icon={<Users className="size-8" aria-hidden />}
          title={q ? `No users match “${q}”` : "No users on this page"}
          description={q ? "Search looks for part of a name or an email address." : `There are ${data.total} users in all.`}
          action={
            <Link href="/users" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
              {q ? "Show all users" : "Go to the first page"}
            </Link>
          }
        />
      ) : (
        <UsersTable users={data.rows} roles={roles} currentUserId={actor.id} />
      )}
      <Pagination basePath="/users" query={{ q }} page={data.page} pageCount={data.pageCount} total={data.total} noun={["user", "users"]} />
    </>
  );
}
