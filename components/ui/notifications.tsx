"use client";

import dynamic from "next/dynamic";
import { useSyncExternalStore } from "react";
import { onToastWanted, toastWanted } from "./toast";

const Toaster = dynamic(() => import("./toaster"), { ssr: false });

/** Where toasts appear: sonner's Toaster, loaded when the first toast is asked for (./toast.ts). */
export function Notifications() {
  const wanted = useSyncExternalStore(onToastWanted, toastWanted, () => false);
  return wanted ? <Toaster /> : null;
}
