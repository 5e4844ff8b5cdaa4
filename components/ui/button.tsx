import { Slot } from "radix-ui";
import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:hover:bg-brand-600",
  secondary:
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 disabled:hover:bg-white dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:disabled:hover:bg-slate-900",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:hover:bg-red-700",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:hover:bg-transparent dark:text-slate-200 dark:hover:bg-slate-800",
} as const;

export interface ButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  size?: "sm" | "md";
  asChild?: boolean;
}

// Japanese text may break between any two characters, so a squeezed button (in a table row)
// would stack its label a character per line and overflow its fixed height: labels stay on one line.
// Every variant dims the same way when disabled, and hovering a disabled button changes nothing.
export function Button({ variant = "primary", size = "md", asChild, className, type, ...props }: ButtonProps) {
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type={asChild ? undefined : (type ?? "button")}
      className={cn(
        "inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50",
        size === "sm" ? "h-8 px-3 text-sm" : "h-10 px-4 text-sm",
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
