import { FileSpreadsheet, FileText, Globe, MessagesSquare, NotebookPen } from "lucide-react";
import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";

type KindSource = Pick<KnowledgeDocumentSummary, "kind" | "mimeType" | "sourceName">;

const FILE_TYPES: { test: RegExp; label: string }[] = [
  { test: /pdf$/i, label: "PDF" },
  { test: /(docx|wordprocessingml\.document)$/i, label: "Word document" },
  { test: /(csv)$/i, label: "CSV spreadsheet" },
  { test: /(md|markdown)$/i, label: "Markdown file" },
  { test: /(txt|plain)$/i, label: "Text file" },
];

/** What the item is, in the owner's words: "Article", "FAQ", "PDF", "Web page". */
export function kindLabel(document: KindSource): string {
  if (document.kind === "article") return "Article";
  if (document.kind === "faq") return "FAQ";
  if (document.kind === "url") return "Web page";
  for (const candidate of [document.sourceName ?? "", document.mimeType ?? ""]) {
    const match = FILE_TYPES.find((type) => type.test.test(candidate));
    if (match) return match.label;
  }
  return "File";
}

/** The icon for an item's kind (decorative: the kind is also said in words next to it). */
export function KindIcon({ document, className }: { document: KindSource; className?: string }) {
  if (document.kind === "article") return <NotebookPen className={className} aria-hidden="true" />;
  if (document.kind === "faq") return <MessagesSquare className={className} aria-hidden="true" />;
  if (document.kind === "url") return <Globe className={className} aria-hidden="true" />;
  return /csv/i.test(`${document.mimeType ?? ""} ${document.sourceName ?? ""}`) ? (
    <FileSpreadsheet className={className} aria-hidden="true" />
  ) : (
    <FileText className={className} aria-hidden="true" />
  );
}
