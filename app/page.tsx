import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { startPage } from "@/lib/domain/console-pages";

// The start page: the first console page this person may open (API management for most; Event
// history for an auditor), so signing in or following a "home" link never lands on a refusal.
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? startPage(actor) : "/login");
}
