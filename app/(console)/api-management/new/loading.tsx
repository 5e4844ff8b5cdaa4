import { LoadingRows } from "@/components/ui/page";

export default function Loading() {
  return <LoadingRows label="Loading the token form…" />;
}
