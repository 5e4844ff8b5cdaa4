"use client";

import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { LoadingRows } from "@/components/ui/page";

const LOADING = "Loading the API reference…";

// The renderer is large: loaded only on this page, after the document it shows.
const ScalarReference = dynamic(() => import("./scalar-reference"), { ssr: false, loading: () => <LoadingRows label={LOADING} /> });

async function fetchDocument(): Promise<Record<string, unknown>> {
  const res = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  return (await res.json()) as Record<string, unknown>;
}

export function ApiReference() {
  const doc = useQuery({ queryKey: ["openapi-document"], queryFn: fetchDocument, staleTime: Infinity });
  if (doc.isPending) return <LoadingRows label={LOADING} />;
  if (doc.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
        <h2 className="text-lg font-semibold">The API reference couldn’t be loaded</h2>
        <p className="mt-1 text-sm">{doc.error.message} Try again in a moment.</p>
        <Button variant="secondary" className="mt-4" onClick={() => void doc.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <ScalarReference document={doc.data} />;
}
