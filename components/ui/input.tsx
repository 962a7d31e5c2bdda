import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Field chrome shared by inputs, selects and text areas (spec 7.2.4: 1.5px neutral border, purple on focus). */
export const fieldVariants = cva(
  [
    "w-full min-w-0 rounded-lg border-[1.5px] border-input bg-surface text-foreground",
    "transition-[border-color,box-shadow] duration-200 ease-out",
    "placeholder:text-muted-foreground",
    "focus:border-ring focus:shadow-[0_0_0_1px_var(--color-ring)] focus:outline-none",
    "disabled:cursor-not-allowed disabled:opacity-60 read-only:bg-surface-muted",
    "aria-invalid:border-danger aria-invalid:focus:shadow-[0_0_0_1px_var(--color-danger)]",
  ],
  {
    variants: {
      size: {
        md: "h-14 px-4 text-body",
        sm: "h-10 px-3 text-body-sm",
      },
    },
    defaultVariants: { size: "md" },
  },
);

export type InputProps = Omit<ComponentProps<"input">, "size"> & VariantProps<typeof fieldVariants>;

export function Input({ className, size, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(fieldVariants({ size }), className)} {...props} />;
}
