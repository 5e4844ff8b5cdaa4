import { notFound } from "next/navigation";
import { loadRole } from "./load-role";

// Above the page's loading boundary, so an unknown role is a real 404 response.
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ roleId: string }> }) {
  if (!(await loadRole((await params).roleId)).role) notFound();
  return children;
}
