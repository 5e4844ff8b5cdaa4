import { notFound } from "next/navigation";
import { loadCampaign } from "./load-campaign";

// Above the page's loading boundary, so an unknown campaign is a real 404 response.
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ campaignId: string }> }) {
  if (!(await loadCampaign((await params).campaignId))) notFound();
  return children;
}
