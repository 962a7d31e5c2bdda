import { ArrowRight, Check } from "lucide-react";
import Link from "next/link";
import { KNOWLEDGE_CATEGORY_LABELS, type KnowledgeSearchResult } from "@/lib/knowledge/types";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { chunkAnchor } from "./chunk-list";
import { matchStrength, SIGNALS } from "./match-signals";

/** One passage the assistant would read: how strongly it matched, where it comes from and which signals found it. */
export function SearchResultCard({ result, position, businessId }: { result: KnowledgeSearchResult; position: number; businessId: string }) {
  const percent = Math.round(matchStrength(result.score) * 100);
  const matched = SIGNALS.filter((signal) => result.ranks[signal.key] !== null);
  const headingId = `result-${position}-title`;
  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-border bg-surface p-4 shadow-sm sm:p-5">
      <div className="flex items-start gap-3">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-secondary text-body-sm font-semibold text-heading tabular-nums">
          <span className="sr-only">Passage </span>
          {position}
        </span>
        <div className="min-w-0 flex-1 space-y-1">
          <h3 id={headingId} className="font-semibold break-words text-heading">
            {result.title}
          </h3>
          <div className="flex flex-wrap items-center gap-2 text-body-sm text-muted-foreground">
            <Badge variant="outline">{KNOWLEDGE_CATEGORY_LABELS[result.category]}</Badge>
            {result.headingPath.length > 0 ? <span className="break-words">{result.headingPath.join(" › ")}</span> : null}
          </div>
        </div>
      </div>

      <div className="mt-4 flex items-center gap-3" title={`Fused score ${result.score.toFixed(4)}`}>
        <span className="w-24 shrink-0 text-caption text-muted-foreground">Match</span>
        <Progress value={percent} label={`Match strength of passage ${position}`} valueText={`${percent}%`} tone={percent >= 50 ? "success" : "neutral"} className="flex-1" />
        <span className="w-10 shrink-0 text-right text-body-sm font-semibold text-heading tabular-nums" aria-hidden="true">
          {percent}%
        </span>
      </div>

      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="w-24 shrink-0 text-caption text-muted-foreground">Matched by</span>
        <ul className="flex flex-wrap gap-1.5" aria-label="Signals that matched">
          {matched.map((signal) => (
            <li key={signal.key}>
              <Badge variant="info" title={`This passage ${signal.explanation}.`}>
                <Check aria-hidden="true" />
                {signal.label} <span className="tabular-nums">#{result.ranks[signal.key]}</span>
              </Badge>
            </li>
          ))}
        </ul>
      </div>

      <blockquote className="mt-4 border-l-4 border-border pl-3 text-body-sm break-words whitespace-pre-wrap text-foreground">
        <p className="line-clamp-6">{result.content}</p>
      </blockquote>

      <Link
        href={`/b/${businessId}/knowledge/${result.documentId}#${chunkAnchor(result.chunkIndex)}`}
        className="mt-3 inline-flex min-h-11 items-center gap-1 font-medium text-link underline-offset-4 hover:underline"
      >
        Open this passage in “{result.title}”
        <ArrowRight className="size-4" aria-hidden="true" />
      </Link>
    </article>
  );
}
