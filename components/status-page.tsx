import { Link } from "@/components/ui/link";

/**
 * The one design of the 403 and 404 pages. Inside the console shell the page is already in the
 * shell's `main`; only a page shown outside it (an unknown address) brings its own.
 */
export function StatusPage({
  icon,
  heading,
  body,
  link,
  landmark = false,
}: {
  icon: React.ReactNode;
  heading: string;
  body: string;
  link: { href: string; label: string };
  landmark?: boolean;
}) {
  const content = (
    <div className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <div className="text-amber-600 dark:text-amber-400">{icon}</div>
      <h1 className="mt-4 text-2xl font-semibold">{heading}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{body}</p>
      <Link href={link.href} className="mt-6 text-sm font-medium text-brand-700 underline dark:text-brand-100">
        {link.label}
      </Link>
    </div>
  );
  return landmark ? <main id="main">{content}</main> : content;
}
