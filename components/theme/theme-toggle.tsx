"use client";

import { Monitor, Moon, Sun, type LucideIcon } from "lucide-react";
import { useId, useLayoutEffect } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { applyTheme, useTheme, type ThemePreference } from "./use-theme";

const OPTIONS: { value: ThemePreference; label: string; icon: LucideIcon }[] = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
];

/** Light / Dark / System as a radio group (a segmented control). */
export function ThemeToggle({ className }: { className?: string }) {
  const { preference, setPreference } = useTheme();
  const name = useId();
  return (
    <fieldset className={cn("min-w-0", className)}>
      <legend className="mb-1.5 text-caption text-muted-foreground">Theme</legend>
      <div className="grid grid-cols-3 gap-1 rounded-lg bg-secondary p-1">
        {OPTIONS.map(({ value, label, icon: Icon }) => (
          <label
            key={value}
            className={cn(
              "flex h-9 cursor-pointer items-center justify-center gap-1.5 rounded-md text-body-sm font-medium text-secondary-foreground transition-colors duration-150",
              "has-checked:bg-surface has-checked:text-heading has-checked:shadow-sm",
              "has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-ring",
            )}
          >
            <input
              type="radio"
              name={name}
              value={value}
              checked={preference === value}
              onChange={() => setPreference(value)}
              className="sr-only"
            />
            <Icon className="size-4" aria-hidden="true" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** One button that cycles Light → Dark → System, for places without room for the full control. */
export function ThemeCycleButton({ className }: { className?: string }) {
  const { preference, setPreference } = useTheme();
  const index = OPTIONS.findIndex((option) => option.value === preference);
  const current = OPTIONS[index] ?? OPTIONS[2];
  const next = OPTIONS[(index + 1) % OPTIONS.length] ?? OPTIONS[0];
  if (!current || !next) return null;
  const Icon = current.icon;
  return (
    <Button
      variant="ghost"
      size="icon"
      className={className}
      onClick={() => setPreference(next.value)}
      aria-label={`Theme: ${current.label}. Switch to ${next.label.toLowerCase()}`}
      title={`Theme: ${current.label}`}
    >
      <Icon aria-hidden="true" />
    </Button>
  );
}

/** Re-applies the stored theme after hydration (React's dev remount can clear <html>'s classes). */
export function ThemeSync() {
  useLayoutEffect(() => applyTheme(), []);
  return null;
}
