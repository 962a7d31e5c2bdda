"use client";

import { useState } from "react";
import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";

/**
 * A sentence for a polite live region when items finish or fail indexing, so screen-reader users hear the outcome
 * without every 1.5-second progress tick being read out (the progress bars carry the numbers).
 */
export function useStatusAnnouncer(documents: KnowledgeDocumentSummary[] | undefined): string {
  const [previous, setPrevious] = useState(documents);
  const [message, setMessage] = useState("");
  if (documents !== previous) {
    setPrevious(documents);
    if (previous && documents) {
      const before = new Map(previous.map((d) => [d.id, d.status]));
      const changes = documents.flatMap((d) => {
        const was = before.get(d.id);
        if (!was || was === d.status) return [];
        if (d.status === "ready") return [`“${d.title}” is ready.`];
        if (d.status === "failed") return [`“${d.title}” could not be indexed.`];
        return [];
      });
      if (changes.length > 0) setMessage(changes.join(" "));
    }
  }
  return message;
}
