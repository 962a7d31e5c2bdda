import type { ReactNode } from "react";
import { ExternalLink } from "lucide-react";
import { KNOWLEDGE_CATEGORY_LABELS, type KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { dateFormatter, formatDate } from "@/components/format/dates";
import { formatRelative, plural, usageText } from "./format";
import { kindLabel } from "./kinds";

function Source({ document }: { document: KnowledgeDocumentSummary }) {
  if (document.kind === "url" && document.sourceName && /^https?:\/\//i.test(document.sourceName)) {
    return (
      <a
        href={document.sourceName}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="inline-flex items-start gap-1 break-all text-link underline underline-offset-2"
      >
        {document.sourceName}
        <ExternalLink className="mt-1 size-3.5 shrink-0" aria-hidden="true" />
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
    );
  }
  if (document.sourceName) return <span className="break-all">{document.sourceName}</span>;
  return <span>Written in Frontdesk</span>;
}

/** The item's facts: what it is, where it came from, when it changed and how often the assistant used it. */
export function DocumentMeta({
  document,
  locale,
  timeZone,
}: {
  document: KnowledgeDocumentSummary;
  locale: string | null;
  timeZone: string;
}) {
  const full = dateFormatter({ dateStyle: "medium", timeStyle: "short" }, locale, timeZone);
  const rows: [string, ReactNode][] = [
    ["Kind", kindLabel(document)],
    ["Source", <Source key="source" document={document} />],
    ["Category", KNOWLEDGE_CATEGORY_LABELS[document.category]],
    [
      "Updated",
      <time key="updated" dateTime={document.updatedAt} title={formatDate(document.updatedAt, full)}>
        {formatRelative(document.updatedAt, locale)}
      </time>,
    ],
    ["Added", <time key="added" dateTime={document.createdAt}>{formatDate(document.createdAt, full)}</time>],
    ["Used in answers", usageText(document, locale)],
    ["Passages", document.status === "ready" ? plural(document.chunkCount, "passage") : "Counted once indexed"],
    ["Search model", document.embeddingModel ?? "Not indexed yet"],
  ];
  return (
    <dl className="divide-y divide-border">
      {rows.map(([label, value]) => (
        <div key={label} className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-3 py-2.5 text-body-sm first:pt-0 last:pb-0">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="text-heading">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
