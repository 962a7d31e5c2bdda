import { CircleAlert } from "lucide-react";
import { cn } from "./cn";

/** A form-level error. Always rendered so the live region exists before the message arrives. */
export function FormError({ message, className, id }: { message?: string | null; className?: string; id?: string }) {
  return (
    <div id={id} role="alert" aria-live="assertive" className={cn(!message && "sr-only", className)}>
      {message ? (
        <p className="flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-body-sm text-danger">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The message under one field; pair its id with the field's aria-describedby. */
export function FieldError({ id, message, className }: { id: string; message?: string | null; className?: string }) {
  return (
    <p id={id} aria-live="polite" className={cn("text-body-sm text-danger empty:hidden", className)}>
      {message ?? ""}
    </p>
  );
}
