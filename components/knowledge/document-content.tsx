"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import { useState } from "react";
import type { KnowledgeDocumentDetail } from "@/lib/knowledge/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SafeMarkdown } from "./markdown";

/** Long extracted files fold after this many characters, so the passages below stay within reach on a phone. */
const FOLD_AT = 6000;

/** The item's text as the owner wrote or uploaded it: FAQs as question and answer, everything else as Markdown. */
export function DocumentContent({ document }: { document: KnowledgeDocumentDetail }) {
  const [expanded, setExpanded] = useState(false);

  if (document.faqEntries && document.faqEntries.length > 0) {
    return (
      <dl className="divide-y divide-border">
        {document.faqEntries.map((entry, index) => (
          <div key={index} className="py-4 first:pt-0 last:pb-0">
            <dt className="font-semibold text-heading">{entry.question}</dt>
            <dd className="mt-1 break-words whitespace-pre-wrap text-foreground">{entry.answer}</dd>
          </div>
        ))}
      </dl>
    );
  }

  if (!document.body.trim()) return <p className="text-body-sm text-muted-foreground">There is no text in this item yet.</p>;

  const foldable = document.body.length > FOLD_AT;
  const folded = foldable && !expanded;
  return (
    <div>
      <div id="document-body" className={cn("relative", folded && "max-h-[28rem] overflow-hidden")}>
        <SafeMarkdown>{document.body}</SafeMarkdown>
        {folded ? <div className="absolute inset-x-0 bottom-0 h-24 bg-linear-to-t from-surface to-transparent" aria-hidden="true" /> : null}
      </div>
      {foldable ? (
        <Button variant="ghost" size="sm" className="mt-2" aria-expanded={expanded} aria-controls="document-body" onClick={() => setExpanded((v) => !v)}>
          {expanded ? <ChevronUp aria-hidden="true" /> : <ChevronDown aria-hidden="true" />}
          {expanded ? "Show less" : "Show all the text"}
        </Button>
      ) : null}
    </div>
  );
}
