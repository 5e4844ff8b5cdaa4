"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link in a list row. Next prefetches every link that scrolls into view, so one page of 25
 * tokens or 50 events made the server render every row's page nobody opened; this one
 * prefetches only when pointed at or focused, which still makes the click feel instant.
 */
export function RowLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "href" | "prefetch"> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        router.prefetch(href);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        router.prefetch(href);
        onFocus?.(e);
      }}
    />
  );
}
