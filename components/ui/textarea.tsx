import type { ComponentProps } from "react";
import { cn } from "./cn";
import { fieldVariants } from "./input";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(fieldVariants(), "h-auto min-h-28 py-3", className)} {...props} />;
}
