import type { ReactNode } from "react";
import { cn } from "./cn";
import { FieldError } from "./form-error";
import { Input, type InputProps } from "./input";
import { Label } from "./label";

/** The ids a field's aria-describedby should list: its hint (if any) and its error slot. */
export function describedBy(id: string, hasHint: boolean): string {
  return hasHint ? `${id}-hint ${id}-error` : `${id}-error`;
}

/** Label, input, hint and error, wired together for assistive tech. */
export function TextField({
  id,
  label,
  hint,
  error,
  className,
  trailing,
  ...inputProps
}: InputProps & { id: string; label: string; hint?: ReactNode; error?: string | null; trailing?: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Input
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint))}
          className={trailing ? "pr-12" : undefined}
          {...inputProps}
        />
        {trailing ? <div className="absolute inset-y-0 right-1 flex items-center">{trailing}</div> : null}
      </div>
      {hint ? (
        <div id={`${id}-hint`} className="text-body-sm text-muted-foreground">
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
