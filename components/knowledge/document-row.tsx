"use client";

import Link from "next/link";
import { KNOWLEDGE_CATEGORY_LABELS, type KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Switch } from "@/components/ui/switch";
import { StatusBadge, StatusDetail } from "./document-status";
import { formatRelative, plural, usageText } from "./format";
import { KindIcon, kindLabel } from "./kinds";

/** One item in the knowledge list. The title link covers the card; the switch and Retry sit above it. */
export function DocumentRow({
  document,
  href,
  locale,
  onToggle,
  onRetry,
  retrying,
}: {
  document: KnowledgeDocumentSummary;
  href: string;
  locale: string | null;
  onToggle: (enabled: boolean) => void;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <article
      className={cn(
        "relative flex gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm transition-shadow duration-150 hover:shadow-base sm:gap-4",
        !document.enabled && "bg-surface-muted",
      )}
    >
      <span
        className={cn(
          "flex size-10 shrink-0 items-center justify-center rounded-lg bg-secondary text-heading",
          !document.enabled && "text-muted-foreground",
        )}
        aria-hidden="true"
      >
        <KindIcon document={document} className="size-5" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <h3 className="font-semibold break-words text-heading">
              <Link href={href} className="rounded-sm after:absolute after:inset-0 after:rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
                {document.title}
              </Link>
            </h3>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-body-sm text-muted-foreground">
              <StatusBadge document={document} />
              <Badge variant="outline">{KNOWLEDGE_CATEGORY_LABELS[document.category]}</Badge>
              {kindLabel(document) !== KNOWLEDGE_CATEGORY_LABELS[document.category] ? <span>{kindLabel(document)}</span> : null}
            </p>
          </div>
          <Switch
            checked={document.enabled}
            onCheckedChange={onToggle}
            aria-label={`Use “${document.title}” in answers`}
            className="relative z-10 -mt-2 -mr-2"
          />
        </div>
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-caption font-normal text-muted-foreground">
          {document.status === "ready" ? <span>{plural(document.chunkCount, "passage")}</span> : null}
          <span>{usageText(document, locale)}</span>
          <span>
            Updated <time dateTime={document.updatedAt}>{formatRelative(document.updatedAt, locale)}</time>
          </span>
        </p>
        <StatusDetail document={document} onRetry={onRetry} retrying={retrying} />
      </div>
    </article>
  );
}
