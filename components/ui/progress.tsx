import { cn } from "./cn";

/**
 * A determinate progress bar (0–100). It needs a name for assistive tech: pass `label` ("Uploading price-list.pdf").
 * `tone` colours the fill; the track is always neutral so the remaining part stays visible.
 */
export function Progress({
  value,
  label,
  valueText,
  tone = "info",
  className,
}: {
  value: number;
  label: string;
  valueText?: string;
  tone?: "info" | "success" | "danger" | "neutral";
  className?: string;
}) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-secondary", className)}
    >
      <div
        className={cn(
          "h-full rounded-full transition-[width] duration-300 ease-out",
          tone === "info" && "bg-brand-purple",
          tone === "success" && "bg-success",
          tone === "danger" && "bg-danger",
          tone === "neutral" && "bg-muted-foreground",
        )}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}
