"use client";

import { CloudUpload } from "lucide-react";
import { useId, useState, type DragEvent } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A drop target that is also the file picker: the whole zone is the label of a visually hidden file input, so a
 * click, a tap, Enter or Space opens the picker and assistive tech meets an ordinary labelled file field.
 */
export function FileDropZone({
  accept,
  hint,
  disabled,
  onFile,
}: {
  accept: string[];
  hint: string;
  disabled?: boolean;
  onFile: (file: File, droppedMany: boolean) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = event.dataTransfer.files;
    const first = files[0];
    if (first) onFile(first, files.length > 1);
  }

  return (
    <label
      onDragEnter={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragOver={(event) => event.preventDefault()}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      className={cn(
        "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed border-input bg-surface px-6 py-10 text-center transition-colors duration-150",
        "hover:bg-surface-muted has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring",
        dragging && "border-brand-purple bg-info-soft",
        disabled && "cursor-not-allowed opacity-60",
      )}
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
        <CloudUpload className="size-6" />
      </span>
      <span className="font-medium text-heading">
        <span className="hidden sm:inline">Drop a file here or </span>
        <span className="text-link underline underline-offset-2">choose a file</span>
      </span>
      <span id={hintId} className="text-body-sm text-muted-foreground">
        {hint}
      </span>
      <input
        type="file"
        aria-label="Choose a file"
        aria-describedby={hintId}
        className="sr-only"
        accept={accept.join(",")}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file, false);
          // Clear it so picking the same file again (after fixing it) still fires a change.
          event.target.value = "";
        }}
      />
    </label>
  );
}
