import { NewItemLink } from "@/components/ui/new-item-link";

/** The "Create token" button: in the page header, and in the empty list. */
export function CreateTokenLink() {
  return <NewItemLink href="/api-management/new">Create token</NewItemLink>;
}
