import { FileUp, Globe, MessagesSquare, NotebookPen, type LucideIcon } from "lucide-react";

export type AddAction = { key: string; label: string; description: string; icon: LucideIcon; href: string };

/** The four ways to teach the assistant, shared by the "Add knowledge" menu and the empty state. */
export function addActions(businessId: string): AddAction[] {
  const base = `/b/${businessId}/knowledge`;
  return [
    { key: "article", label: "Write an article", description: "Services, prices or policies in your own words", icon: NotebookPen, href: `${base}/new?kind=article` },
    { key: "faq", label: "Add FAQ", description: "Questions customers ask, with your answers", icon: MessagesSquare, href: `${base}/new?kind=faq` },
    { key: "upload", label: "Upload a file", description: "PDF, Word, Markdown, text or a CSV of questions", icon: FileUp, href: `${base}/upload` },
    { key: "import", label: "Import from your website", description: "One page, or every page in your sitemap", icon: Globe, href: `${base}/import` },
  ];
}
