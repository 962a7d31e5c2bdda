import type { ComponentProps } from "react";
import { cn } from "./cn";

export type SwitchProps = Omit<ComponentProps<"button">, "onChange" | "role" | "aria-checked"> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Visible text beside the track, e.g. "On"/"Off"; hidden from assistive tech, which hears the checked state. */
  stateText?: [on: string, off: string];
};

/** An on/off switch (a button with role="switch"); give it an accessible name with aria-label or a <label>. */
export function Switch({ checked, onCheckedChange, stateText, className, disabled, ...props }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      onClick={() => onCheckedChange(!checked)}
      className={cn(
        "inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-lg px-1 text-body-sm font-medium text-foreground",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
        "disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    >
      <span
        aria-hidden="true"
        className={cn(
          "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 transition-colors duration-150",
          checked ? "border-primary bg-primary" : "border-input bg-surface",
        )}
      >
        <span
          className={cn(
            "inline-block size-4 rounded-full transition-transform duration-150 ease-out",
            checked ? "translate-x-5 bg-primary-foreground" : "translate-x-0.5 bg-input",
          )}
        />
      </span>
      {stateText ? (
        <span aria-hidden="true" className="min-w-8 text-left">
          {checked ? stateText[0] : stateText[1]}
        </span>
      ) : null}
    </button>
  );
}
