import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";
import { fieldVariants } from "./input";

export type SelectProps = Omit<ComponentProps<"select">, "size"> & { size?: "md" | "sm" };

/** A native select: keyboard, screen readers and phones' own pickers work without extra code. */
export function Select({ className, size = "md", children, ...props }: SelectProps) {
  return (
    <div className={cn("relative w-full min-w-0", className)}>
      <select className={cn(fieldVariants({ size }), "appearance-none pr-10")} {...props}>
        {children}
      </select>
      <ChevronDown
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden="true"
      />
    </div>
  );
}
