import { z } from "zod";
import {
  KNOWLEDGE_CATEGORIES,
  type CsvPreview,
  type KnowledgeDocumentDetail,
  type KnowledgeDocumentSummary,
  type KnowledgeSearchResult,
} from "@/lib/knowledge/types";

/** Response shapes of the knowledge API, checked on arrival (a schema per type in lib/knowledge/types.ts). */
const category = z.enum(KNOWLEDGE_CATEGORIES);

export const documentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(["article", "faq", "file", "url"]),
  category,
  sourceName: z.string().nullable(),
  mimeType: z.string().nullable(),
  enabled: z.boolean(),
  status: z.enum(["pending", "processing", "ready", "failed"]),
  progress: z.number(),
  error: z.string().nullable(),
  chunkCount: z.number(),
  usageCount: z.number(),
  lastUsedAt: z.string().nullable(),
  embeddingModel: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<KnowledgeDocumentSummary>;

const faqEntrySchema = z.object({ question: z.string(), answer: z.string() });

export const documentDetailSchema = documentSummarySchema.extend({
  body: z.string(),
  faqEntries: z.array(faqEntrySchema).nullable(),
  chunks: z.array(
    z.object({
      id: z.string(),
      index: z.number(),
      headingPath: z.array(z.string()),
      content: z.string(),
      tokenCount: z.number(),
    }),
  ),
}) satisfies z.ZodType<KnowledgeDocumentDetail>;

export const documentListResponse = z.object({ documents: z.array(documentSummarySchema) });
export const documentResponse = z.object({ document: documentSummarySchema });
export const documentDetailResponse = z.object({ document: documentDetailSchema });

export const limitsResponse = z.object({
  maxUploadBytes: z.number(),
  maxPdfPages: z.number(),
  accept: z.array(z.string()),
});
export type UploadLimits = z.infer<typeof limitsResponse>;

export const csvPreviewResponse = z.object({
  preview: z.object({
    entries: z.array(z.object({ line: z.number(), question: z.string(), answer: z.string() })),
    errors: z.array(z.object({ line: z.number(), message: z.string() })),
  }) satisfies z.ZodType<CsvPreview>,
});

export const searchResponse = z.object({
  results: z.array(
    z.object({
      chunkId: z.string(),
      documentId: z.string(),
      title: z.string(),
      category,
      headingPath: z.array(z.string()),
      content: z.string(),
      chunkIndex: z.number(),
      score: z.number(),
      ranks: z.object({ fullText: z.number().nullable(), vector: z.number().nullable(), trigram: z.number().nullable() }),
    }) satisfies z.ZodType<KnowledgeSearchResult>,
  ),
  tookMs: z.number(),
  embeddingModel: z.string(),
  byMeaning: z.boolean(),
});
export type SearchResponse = z.infer<typeof searchResponse>;

/** The playground's answer preview (POST …/knowledge/preview-answer, lib/agent/preview.ts). */
export const answerPreviewResponse = z.object({
  reply: z.object({
    text: z.string(),
    sources: z.array(z.object({ n: z.number(), title: z.string(), documentId: z.string(), chunkId: z.string() })),
    confidence: z.number().nullable(),
    handedOff: z.boolean(),
    handoffReason: z.string().nullable(),
    intent: z.string(),
    quickReplies: z.array(z.string()),
  }),
  threshold: z.number(),
  tookMs: z.number(),
  passages: searchResponse.extend({
    results: z.array(
      searchResponse.shape.results.element.extend({ words: z.object({ asked: z.array(z.string()), shared: z.array(z.string()) }) }),
    ),
  }),
});
export type AnswerPreviewResponse = z.infer<typeof answerPreviewResponse>;

export function knowledgeApi(businessId: string, path = ""): string {
  return `/api/businesses/${businessId}/knowledge${path}`;
}

/** Query keys: everything about one business's knowledge shares the prefix, so one invalidation refreshes it all. */
export const knowledgeKeys = {
  all: (businessId: string) => ["knowledge", businessId] as const,
  list: (businessId: string) => ["knowledge", businessId, "documents"] as const,
  document: (businessId: string, documentId: string) => ["knowledge", businessId, "document", documentId] as const,
  limits: (businessId: string) => ["knowledge", businessId, "limits"] as const,
};

export function isIndexing(document: Pick<KnowledgeDocumentSummary, "status">): boolean {
  return document.status === "pending" || document.status === "processing";
}

/** How often lists and items are re-read while something is being indexed. */
export const INDEXING_POLL_MS = 1500;
