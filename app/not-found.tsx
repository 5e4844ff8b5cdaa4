import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">404 — Not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">There is nothing here, or you don’t have access to it.</p>
      <Link href="/api-management" className="mt-6 text-sm font-medium text-brand-700 underline dark:text-brand-100">
        Go to API management
      </Link>
    </main>
  );
}
