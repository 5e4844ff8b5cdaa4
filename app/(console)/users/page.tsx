import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { Users } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listRoleOptions } from "@/lib/data/roles";
import { listDeviceGroups, listUsers } from "@/lib/data/users";
import { pageParam } from "@/lib/domain/user-schemas";
import { getRoleNamer } from "@/lib/i18n/role-name";
import { AddUserDialog } from "./_components/add-user-dialog";
import { Pagination } from "@/components/ui/pagination";
import { UserSearch } from "./_components/user-search";
import { UsersTable } from "./_components/users-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

// Console users, one server-side page at a time; every change goes through ./actions.ts.
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("users-roles.manage");
  const t = await getTranslations("users");
  const roleName = await getRoleNamer();
  const sp = await searchParams;
  const page = pageParam(sp.page);
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
  const [data, roleOptions, groups] = await Promise.all([listUsers({ page, q }), listRoleOptions(actor), listDeviceGroups()]);
  const roles = roleOptions.map((r) => ({ id: r.id, name: roleName(r) }));
  const rows = data.rows.map((u) => ({ ...u, roleName: u.roleName === null ? null : roleName({ name: u.roleName, builtIn: u.isSystemAdmin }) }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<AddUserDialog roles={roles} deviceGroups={groups} />} />
      <UserSearch key={q} q={q} />
      {rows.length === 0 ? (
        <EmptyState
          icon={<Users className="size-8" aria-hidden />}
          title={q ? t("noMatchTitle", { q }) : t("emptyPageTitle")}
          description={q ? t("noMatchDescription") : t("emptyPageDescription", { total: data.total })}
          action={
            <Link href="/users" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
              {q ? t("showAll") : t("firstPage")}
            </Link>
          }
        />
      ) : (
        <UsersTable users={rows} roles={roles} currentUserId={actor.id} />
      )}
      <Pagination
        basePath="/users"
        query={{ q }}
        page={data.page}
        pageCount={data.pageCount}
        summary={t("pageSummary", { page: Math.min(data.page, data.pageCount), pageCount: data.pageCount, total: data.total })}
      />
    </>
  );
}
