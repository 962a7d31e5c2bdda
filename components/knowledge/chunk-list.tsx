"use client";

import { useEffect, useSyncExternalStore } from "react";
import type { KnowledgeChunkView } from "@/lib/knowledge/types";
import { cn } from "@/components/ui/cn";

function subscribeToHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function chunkAnchor(index: number): string {
  return `chunk-${index}`;
}

/**
 * The passages the assistant searches, in order. Each has an anchor (#chunk-3) so the playground can link to the
 * exact passage; the linked one is scrolled to, focused and highlighted once the passages have loaded.
 */
export function ChunkList({ chunks }: { chunks: KnowledgeChunkView[] }) {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash, () => "");
  const target = hash.startsWith("#chunk-") ? decodeURIComponent(hash.slice(1)) : null;

  useEffect(() => {
    if (!target) return;
    const element = document.getElementById(target);
    if (!element) return;
    element.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  }, [target, chunks.length]);

  return (
    <ol className="space-y-3">
      {chunks.map((chunk) => {
        const id = chunkAnchor(chunk.index);
        return (
          <li
            key={chunk.id}
            id={id}
            tabIndex={-1}
            aria-current={id === target ? "location" : undefined}
            className={cn(
              "scroll-mt-24 rounded-xl border border-border bg-surface p-4 focus:outline-none",
              id === target && "border-brand-purple ring-2 ring-brand-purple/40",
            )}
          >
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <p className="text-body-sm font-medium text-heading">
                {chunk.headingPath.length > 0 ? chunk.headingPath.join(" › ") : `Passage ${chunk.index + 1}`}
              </p>
              <p className="text-caption font-normal text-muted-foreground">
                Passage {chunk.index + 1} · about {chunk.tokenCount.toLocaleString()} tokens
              </p>
            </div>
            <p className="text-body-sm break-words whitespace-pre-wrap text-foreground">{chunk.content}</p>
          </li>
        );
      })}
    </ol>
  );
}
