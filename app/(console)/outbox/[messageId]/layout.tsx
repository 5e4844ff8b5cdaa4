import { notFound } from "next/navigation";
import { loadMessage } from "./load-message";

// Above the page's loading boundary, so an unknown notice is a real 404 response.
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ messageId: string }> }) {
  if (!(await loadMessage((await params).messageId))) notFound();
  return children;
}
