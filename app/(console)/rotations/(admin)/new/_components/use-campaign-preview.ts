"use client";

import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callServerAction } from "@/components/hooks/call-server-action";
import { MAX_SCOPE_DAYS, MIN_SCOPE_DAYS } from "@/lib/domain/campaign";
import type { CampaignScopeInput } from "@/lib/domain/campaign-schemas";
import { previewCampaignAction } from "../../actions";

/** The scope to preview, or null while it is incomplete (no days, no user chosen). */
function completeScope(scope: CampaignScopeInput): CampaignScopeInput | null {
  if (scope.kind === "all") return { kind: "all" };
  if (scope.kind === "older_than") {
    const days = scope.days;
    return typeof days === "number" && Number.isInteger(days) && days >= MIN_SCOPE_DAYS && days <= MAX_SCOPE_DAYS ? { kind: "older_than", days } : null;
  }
  return scope.userIds?.length ? { kind: "users", userIds: [...scope.userIds].sort() } : null;
}

/**
 * New campaign's live preview: asked again (after a short pause in typing) whenever the scope
 * changes; the last answer stays on screen while the next is counted.
 */
export function useCampaignPreview(scope: CampaignScopeInput) {
  const wanted = completeScope(scope);
  const key = JSON.stringify(wanted);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), 300);
    return () => clearTimeout(timer);
  }, [key]);
  const settledScope = JSON.parse(settled) as CampaignScopeInput | null;
  const query = useQuery({
    queryKey: ["campaign-preview", settled],
    queryFn: async () => {
      const result = await callServerAction(previewCampaignAction, { scope: settledScope! });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    enabled: settledScope !== null,
    placeholderData: keepPreviousData,
  });
  const current = wanted !== null && settled === key && !query.isPlaceholderData;
  return {
    incomplete: wanted === null,
    /** The counts for the scope as it is now; undefined while they are being counted. */
    preview: current ? query.data : undefined,
    /** The last counts while the next are on their way. */
    shown: wanted === null ? undefined : query.data,
    counting: wanted !== null && !current,
    error: query.error ? query.error.message : null,
  };
}
