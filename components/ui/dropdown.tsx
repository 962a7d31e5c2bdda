"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A disclosure dropdown: a button that shows and hides a panel of links and controls.
 * Closes on Escape (returning focus to the button), on a click outside, and when a link inside is followed.
 * It is deliberately not an ARIA "menu": the panel holds ordinary links and form controls, reachable with Tab.
 */
export function Dropdown({
  buttonContent,
  buttonLabel,
  buttonClassName,
  panelClassName,
  align = "start",
  children,
}: {
  buttonContent: ReactNode;
  buttonLabel?: string;
  buttonClassName?: string;
  panelClassName?: string;
  align?: "start" | "end";
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative min-w-0"
      onBlur={(event) => {
        // Tabbing out of the whole dropdown closes it.
        if (open && event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "flex min-w-0 items-center gap-2 rounded-lg transition-colors duration-150 hover:bg-secondary",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
          buttonClassName,
        )}
      >
        {buttonContent}
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
        }}
        className={cn(
          "absolute top-full z-50 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-surface p-2 text-foreground shadow-md",
          "animate-pop-in",
          align === "end" ? "right-0 origin-top-right" : "left-0 origin-top-left",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
