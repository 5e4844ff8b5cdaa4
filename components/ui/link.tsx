"use client";

import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * The console's link. Next prefetches every link that scrolls into view, so each page view made
 * the server render the seven pages of the navigation, the next page of a list and every row's
 * page (25 tokens, 50 events) that nobody opened, and the browser process them while the page
 * was still starting; this one prefetches only when pointed at or focused, which still makes
 * the click feel instant.
 */
export function Link({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof NextLink>, "href" | "prefetch"> & { href: string }) {
  const router = useRouter();
  return (
    <NextLink
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
