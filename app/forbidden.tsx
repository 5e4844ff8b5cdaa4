import Link from "next/link";
import { ShieldAlert } from "lucide-react";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <ShieldAlert className="size-10 text-amber-600" aria-hidden />
      <h1 className="mt-4 text-2xl font-semibold">403 — You don’t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        Your role doesn’t include the permission this page needs. Ask a System Administrator to change your role.
      </p>
      <Link href="/api-management" className="mt-6 text-sm font-medium text-brand-700 underline dark:text-brand-100">
        Go to API management
      </Link>
    </main>
  );
}
