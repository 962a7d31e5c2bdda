import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { cn } from "@/components/ui/cn";
import { isIndexing } from "./api";

/** Four numbers across the top: how much there is and whether it is all usable. */
export function KnowledgeSummary({ documents }: { documents: KnowledgeDocumentSummary[] }) {
  const stats = [
    { label: "Items", value: documents.length, tone: "" },
    { label: "Ready", value: documents.filter((d) => d.status === "ready").length, tone: "text-success" },
    { label: "Indexing", value: documents.filter(isIndexing).length, tone: "text-info" },
    { label: "Failed", value: documents.filter((d) => d.status === "failed").length, tone: "text-danger" },
  ];
  return (
    <dl className="grid grid-cols-4 divide-x divide-border rounded-xl border border-border bg-surface shadow-sm">
      {stats.map(({ label, value, tone }) => (
        <div key={label} className="flex flex-col px-3 py-3 sm:px-5 sm:py-4">
          <dt className="text-caption text-muted-foreground">{label}</dt>
          <dd className={cn("text-h4 text-heading tabular-nums", value > 0 && tone)}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
