import { notFound } from "next/navigation";
import { loadTokenForPage } from "./load-token";

// Above the page's loading boundary, so a missing or foreign token is a real 404 response.
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ tokenId: string }> }) {
  const { token } = await loadTokenForPage((await params).tokenId);
  if (!token) notFound();
  return children;
}
