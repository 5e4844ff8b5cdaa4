import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CAMPAIGN_TOKEN_STATES, type CampaignTokenState } from "@/lib/domain/campaign";

const labelClass = "block text-sm font-medium";

/** A plain GET form: the filter lives in the URL, so a filtered view can be shared and works before JavaScript loads. */
export function TokenFilters({ campaignId, state, q }: { campaignId: number; state: CampaignTokenState | null; q: string }) {
  const t = useTranslations("campaigns");
  const base = `/rotations/${campaignId}`;
  return (
    <form method="get" action={base} role="search" aria-label={t("detail.filters.label")} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="ct-state" className={labelClass}>
          {t("detail.filters.state")}
        </label>
        <select id="ct-state" name="state" defaultValue={state ?? ""} className={inputClass}>
          <option value="">{t("detail.filters.allStates")}</option>
          {CAMPAIGN_TOKEN_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0 flex-1 space-y-1 sm:max-w-sm">
        <label htmlFor="ct-q" className={labelClass}>
          {t("detail.filters.search")}
        </label>
        <input id="ct-q" name="q" type="search" defaultValue={q} maxLength={100} className={inputClass} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          {t("detail.filters.apply")}
        </Button>
        <Button asChild variant="ghost">
          <Link href={base}>{t("detail.filters.clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
