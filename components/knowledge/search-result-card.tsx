import { ArrowRight, Check, Minus, Quote } from "lucide-react";
import Link from "next/link";
import { KNOWLEDGE_CATEGORY_LABELS } from "@/lib/knowledge/types";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { chunkAnchor } from "./chunk-list";
import { MATCH_LEVEL_LABELS, matchLevel, SIGNALS, type MatchLevel, type PlaygroundPassage } from "./match-signals";

const LEVEL_STYLE: Record<MatchLevel, { bars: number; fill: string; badge: "success" | "warning" | "neutral" }> = {
  strong: { bars: 3, fill: "bg-success", badge: "success" },
  partial: { bars: 2, fill: "bg-warning", badge: "warning" },
  weak: { bars: 1, fill: "bg-muted-foreground", badge: "neutral" },
};

/**
 * One passage the search finds for the question: how well it matches and why (the question's words it holds, the
 * lists that found it), where it comes from, and whether the reply above quotes it.
 */
export function SearchResultCard({
  result,
  position,
  businessId,
  citedAs,
}: {
  result: PlaygroundPassage;
  position: number;
  businessId: string;
  /** The reply's [n] for this passage, when the reply quotes it. */
  citedAs?: number;
}) {
  const { level, reason } = matchLevel(result);
  const style = LEVEL_STYLE[level];
  const matched = SIGNALS.filter((signal) => result.ranks[signal.key] !== null);
  const headingId = `result-${position}-title`;
  const shared = new Set(result.words.shared);
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

      <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
        <Badge variant={style.badge} title={`Search score ${result.score.toFixed(4)}`}>
          <span className="flex items-end gap-0.5" aria-hidden="true">
            {[1, 2, 3].map((bar) => (
              <span key={bar} className={cn("w-1 rounded-sm", bar <= style.bars ? style.fill : "bg-current/20")} style={{ height: `${4 + bar * 3}px` }} />
            ))}
          </span>
          {MATCH_LEVEL_LABELS[level]}
        </Badge>
        {citedAs !== undefined ? (
          <Badge variant="info">
            <Quote aria-hidden="true" />
            Quoted in the reply as [{citedAs}]
          </Badge>
        ) : null}
      </div>
      <p className="mt-2 text-body-sm text-muted-foreground">{reason}</p>

      {result.words.asked.length > 0 ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <span className="w-24 shrink-0 text-caption text-muted-foreground">Your words</span>
          <ul className="flex flex-wrap gap-1.5" aria-label="Words of your question">
            {result.words.asked.map((word) => (
              <li key={word}>
                {shared.has(word) ? (
                  <Badge variant="success">
                    <Check aria-hidden="true" />
                    {word}
                    <span className="sr-only"> (in this passage)</span>
                  </Badge>
                ) : (
                  <Badge variant="outline" className="text-muted-foreground line-through decoration-1">
                    <Minus aria-hidden="true" />
                    {word}
                    <span className="sr-only"> (not in this passage)</span>
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="w-24 shrink-0 text-caption text-muted-foreground">Found by</span>
        <ul className="flex flex-wrap gap-1.5" aria-label="Searches that found it">
          {matched.map((signal) => (
            <li key={signal.key}>
              <Badge variant="neutral" title={`This passage ${signal.explanation}; ranked #${result.ranks[signal.key]} by it.`}>
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
