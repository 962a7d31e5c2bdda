"use client";

import { Eye, PenLine } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { SafeMarkdown } from "./markdown";

const MODES = [
  { value: "write", label: "Write", icon: PenLine },
  { value: "preview", label: "Preview", icon: Eye },
] as const;

/** A Markdown text area with a Write/Preview switch; the preview renders exactly what the item page will show. */
export function MarkdownField({
  id,
  label,
  value,
  onChange,
  error,
  disabled,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  disabled?: boolean;
  placeholder?: string;
}) {
  const [mode, setMode] = useState<"write" | "preview">("write");
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <div role="group" aria-label="Editor view" className="inline-flex rounded-lg border border-border bg-surface-muted p-0.5">
          {MODES.map(({ value: modeValue, label: modeLabel, icon: Icon }) => (
            <button
              key={modeValue}
              type="button"
              aria-pressed={mode === modeValue}
              onClick={() => setMode(modeValue)}
              className={cn(
                "inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-body-sm font-medium transition-colors duration-150",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                mode === modeValue ? "bg-surface text-heading shadow-sm" : "text-muted-foreground hover:text-foreground",
              )}
            >
              <Icon className="size-4" aria-hidden="true" />
              {modeLabel}
            </button>
          ))}
        </div>
      </div>
      <Textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        hidden={mode === "preview"}
        rows={16}
        placeholder={placeholder}
        spellCheck
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className="min-h-72 font-mono text-body-sm leading-6"
      />
      {mode === "preview" ? (
        <div
          role="region"
          aria-label={`${label} preview`}
          className="min-h-72 rounded-lg border-[1.5px] border-dashed border-border bg-surface px-4 py-3"
        >
          {value.trim() ? <SafeMarkdown>{value}</SafeMarkdown> : <p className="text-muted-foreground">Nothing to preview yet.</p>}
        </div>
      ) : null}
      <p id={`${id}-hint`} className="text-body-sm text-muted-foreground">
        Markdown works: <code className="font-mono"># Heading</code>, <code className="font-mono">- list item</code>,{" "}
        <code className="font-mono">**bold**</code>. Headings help the assistant find the right part of a long article.
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
