import { KeyRound } from "lucide-react";
import { LanguageSelect } from "@/components/i18n/language-switch";

export function AuthCard({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-10 dark:bg-slate-950">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2 text-brand-700 dark:text-brand-100">
            <KeyRound className="size-6" aria-hidden />
            <span className="text-lg font-semibold">Keyward</span>
          </div>
          <LanguageSelect />
        </div>
        <h1 className="text-xl font-semibold">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{description}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
