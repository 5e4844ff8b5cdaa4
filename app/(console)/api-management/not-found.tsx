import Link from "next/link";
import { EmptyState } from "@/components/ui/page";
import { Button } from "@/components/ui/button";

// The same page for a missing token and for another user's token: nothing tells them apart.
export default function TokenNotFound() {
  return (
    <EmptyState
      title="Token not found"
      description="This token doesn't exist, was deleted, or belongs to someone else."
      action={
        <Button asChild variant="secondary">
          <Link href="/api-management">Back to API management</Link>
        </Button>
      }
    />
  );
}
