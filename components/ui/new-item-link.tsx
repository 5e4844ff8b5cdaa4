import { Link } from "@/components/ui/link";
import { Plus } from "lucide-react";
import { Button } from "./button";

/** A primary button-styled link with a plus icon, to the page that creates a new item ("Create token", "Add role"). */
export function NewItemLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Button asChild>
      <Link href={href}>
        <Plus className="size-4" aria-hidden />
        {children}
      </Link>
    </Button>
  );
}
