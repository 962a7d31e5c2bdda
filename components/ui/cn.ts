import { clsx, type ClassValue } from "clsx";
import { extendTailwindMerge } from "tailwind-merge";

// tailwind-merge must know the design system's own scales (globals.css @theme), or it mistakes `text-body`
// (a size) for a colour and drops `text-primary-foreground` when both are present.
const twMerge = extendTailwindMerge({
  extend: {
    theme: {
      text: ["h1", "h2", "h3", "h4", "body-lg", "body", "body-sm", "caption"],
      shadow: ["base", "primary"],
      animate: ["fade-in", "slide-up", "pop-in"],
      ease: ["micro", "fast", "normal", "slow"],
    },
  },
});

/** Joins class names and lets later Tailwind utilities override earlier ones. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
