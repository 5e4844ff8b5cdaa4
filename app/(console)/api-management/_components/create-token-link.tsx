import Link from "next/link";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The "Create token" button: in the page header, and in the empty list. */
export function CreateTokenLink() {
  return (
    <Button asChild>
      <Link href="/api-management/new">
        <Plus className="size-4" aria-hidden />
        Create token
      </Link>
    </Button>
  );
}
