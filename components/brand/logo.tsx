import { cn } from "@/components/ui/cn";

/** The Frontdesk mark: a speech bubble with a typing indicator, the same drawing as the app icons. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      className={cn("size-8 shrink-0 rounded-lg dark:shadow-[0_0_0_1px_rgb(255_255_255/0.18)]", className)}
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="#1A2332" />
      <path d="M11 8h10a5 5 0 0 1 5 5v3a5 5 0 0 1-5 5h-7l-4.5 3.5V20.4A5 5 0 0 1 6 16v-3a5 5 0 0 1 5-5Z" fill="#FFFFFF" />
      <circle cx="11.5" cy="14.5" r="1.7" fill="#00B4A6" />
      <circle cx="16" cy="14.5" r="1.7" fill="#00B4A6" />
      <circle cx="20.5" cy="14.5" r="1.7" fill="#00B4A6" />
    </svg>
  );
}

export function Logo({ className, hideWordmarkOnMobile = false }: { className?: string; hideWordmarkOnMobile?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className={cn("text-h4 font-bold tracking-tight text-heading", hideWordmarkOnMobile && "sr-only sm:not-sr-only")}>
        Frontdesk
      </span>
    </span>
  );
}
