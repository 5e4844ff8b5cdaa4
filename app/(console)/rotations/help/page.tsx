import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page";
import { requirePageActor } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  const t = await getTranslations("campaigns.help");
  return { title: t("title") };
}

const QUESTIONS = [
  ["whyHeading", "why"],
  ["noUseHeading", "noUse"],
  ["afterAutoHeading", "afterAuto"],
  ["lastUsedHeading", "lastUsed"],
  ["rotateHeading", "rotate"],
] as const;

// The page a campaign's announcement links to: the owners' questions, answered. Any signed-in
// user may read it (owners are rarely System Administrators); it shows no campaign's data.
export default async function RotationHelpPage() {
  await requirePageActor();
  const t = await getTranslations("campaigns.help");
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="max-w-3xl space-y-6">
        {QUESTIONS.map(([heading, answer]) => (
          <section key={heading} aria-labelledby={`help-${heading}`}>
            <h2 id={`help-${heading}`} className="text-lg font-semibold">
              {t(heading)}
            </h2>
            <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-200">{t(answer)}</p>
          </section>
        ))}
        <p>
          <Link href="/api-management" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
            {t("link")}
          </Link>
        </p>
      </div>
    </>
  );
}
