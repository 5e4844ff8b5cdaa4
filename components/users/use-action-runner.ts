"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/auth/action";

/**
 * Runs a server action for a row button: on success a toast and a refresh of the server-rendered
 * list; on refusal the server's message is kept in `error` so the page can show it in an alert.
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(action: () => Promise<ActionResult<T>>, success: string): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      const result = await action();
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      toast.success(success);
      router.refresh();
      return true;
    } catch {
      setError("Keyward couldn’t be reached. Check your connection and try again.");
      return false;
    } finally {
      setPending(false);
    }
  }

  return { run, pending, error, clearError: () => setError(null) };
}
