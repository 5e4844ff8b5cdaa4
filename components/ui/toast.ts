// Toasts through sonner, which (about 10 KB gzip) loads with the first toast rather than with
// every page; <Notifications> (./notifications.tsx) mounts its Toaster then, and sonner shows the
// toasts made before its Toaster subscribed.
type Sonner = typeof import("sonner");

const listeners = new Set<() => void>();
let wanted = false;

/** Whether a toast was asked for yet; `onToastWanted` tells when the first one is. */
export const toastWanted = () => wanted;

export function onToastWanted(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What a toast may set besides its text (sonner's own options). */
type ToastOptions = { duration?: number };

function show(kind: "success" | "error" | "warning", message: string, options?: ToastOptions) {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  void import("sonner").then((m: Sonner) => m.toast[kind](message, options));
}

export const toast = {
  success: (message: string, options?: ToastOptions) => show("success", message, options),
  error: (message: string, options?: ToastOptions) => show("error", message, options),
  warning: (message: string, options?: ToastOptions) => show("warning", message, options),
};
