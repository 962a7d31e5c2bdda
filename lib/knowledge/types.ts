/**
 * The knowledge base's shapes as the API sends them: shared by the route handlers and the dashboard's client
 * components, so nothing here may import server code.
 */
export const KNOWLEDGE_CATEGORIES = [
  "rooms", "rates", "services", "prices", "policies", "faq", "hours", "location", "other",
] as const;
export type KnowledgeCategory = (typeof KNOWLEDGE_CATEGORIES)[number];

export const KNOWLEDGE_CATEGORY_LABELS: Record<KnowledgeCategory, string> = {
  rooms: "Rooms",
  rates: "Rates",
  services: "Services",
  prices: "Prices",
  policies: "Policies",
  faq: "FAQ",
  hours: "Hours",
  location: "Location",
  other: "Other",
};

export type KnowledgeKind = "article" | "faq" | "file" | "url";
export type KnowledgeStatus = "pending" | "processing" | "ready" | "failed";

export interface KnowledgeDocumentSummary {
  id: string;
  title: string;
  kind: KnowledgeKind;
  category: KnowledgeCategory;
  /** File name for uploads, the page address for web imports. */
  sourceName: string | null;
  mimeType: string | null;
  enabled: boolean;
  status: KnowledgeStatus;
  /** 0–100 while indexing. */
  progress: number;
  error: string | null;
  chunkCount: number;
  usageCount: number;
  lastUsedAt: string | null;
  embeddingModel: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FaqEntry {
  question: string;
  answer: string;
}

export interface KnowledgeChunkView {
  id: string;
  index: number;
  headingPath: string[];
  content: string;
  tokenCount: number;
}

export interface KnowledgeDocumentDetail extends KnowledgeDocumentSummary {
  /** Markdown for articles, FAQs ("Q:"/"A:" pairs) and extracted file or page text. */
  body: string;
  /** For FAQ documents: the pairs, as the editor shows them. */
  faqEntries: FaqEntry[] | null;
  chunks: KnowledgeChunkView[];
}

export interface KnowledgeSearchResult {
  chunkId: string;
  documentId: string;
  title: string;
  category: KnowledgeCategory;
  headingPath: string[];
  content: string;
  chunkIndex: number;
  score: number;
  ranks: { fullText: number | null; vector: number | null; trigram: number | null };
}

export interface CsvPreview {
  entries: { line: number; question: string; answer: string }[];
  errors: { line: number; message: string }[];
}

/** File types an upload may be, as the file picker's `accept` lists them. */
export const UPLOAD_ACCEPT = [".pdf", ".docx", ".md", ".markdown", ".txt", ".csv"];
