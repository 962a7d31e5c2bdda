import { CircleCheck, LoaderCircle, PowerOff, RotateCcw, TriangleAlert } from "lucide-react";
import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";

type StatusDocument = Pick<KnowledgeDocumentSummary, "title" | "status" | "progress" | "error" | "enabled">;

/** The one-word state of an item, as a badge. */
export function StatusBadge({ document }: { document: StatusDocument }) {
  switch (document.status) {
    case "pending":
      return (
        <Badge variant="info">
          <LoaderCircle className="animate-spin" aria-hidden="true" />
          Queued
        </Badge>
      );
    case "processing":
      return (
        <Badge variant="info">
          <LoaderCircle className="animate-spin" aria-hidden="true" />
          Indexing {Math.round(document.progress)}%
        </Badge>
      );
    case "failed":
      return (
        <Badge variant="danger">
          <TriangleAlert aria-hidden="true" />
          Failed
        </Badge>
      );
    case "ready":
      return document.enabled ? (
        <Badge variant="success">
          <CircleCheck aria-hidden="true" />
          Ready
        </Badge>
      ) : (
        <Badge variant="neutral">
          <PowerOff aria-hidden="true" />
          Disabled
        </Badge>
      );
  }
}

/**
 * What goes under the badge: a progress bar while indexing, the reason and a Retry button after a failure.
 * Nothing for a ready item.
 */
export function StatusDetail({
  document,
  onRetry,
  retrying = false,
}: {
  document: StatusDocument;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  if (document.status === "pending" || document.status === "processing") {
    const percent = Math.round(document.progress);
    return (
      <Progress
        value={percent}
        label={`Indexing “${document.title}”`}
        valueText={document.status === "pending" ? "Waiting to start" : `${percent}%`}
        className="mt-3"
      />
    );
  }
  if (document.status === "failed") {
    return (
      <div className="mt-3 flex flex-col gap-2 rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 sm:flex-row sm:items-center">
        <p className="flex-1 text-body-sm text-danger">{document.error || "Indexing failed for an unknown reason."}</p>
        {onRetry ? (
          <Button variant="outline" size="sm" onClick={onRetry} loading={retrying} className="relative z-10 self-start sm:self-auto">
            {retrying ? null : <RotateCcw aria-hidden="true" />}
            Retry
            <span className="sr-only"> indexing “{document.title}”</span>
          </Button>
        ) : null}
      </div>
    );
  }
  return null;
}
