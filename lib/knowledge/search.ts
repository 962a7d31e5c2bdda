import { sql } from "drizzle-orm";
import { z } from "zod";
import { embedTexts } from "@/lib/ai/embeddings";
import { embeddingProvider } from "@/lib/ai/providers";
import { rowsOf, type Db } from "@/lib/db";
import { log } from "@/lib/log";
import { KNOWLEDGE_CATEGORIES, type KnowledgeSearchResult } from "./types";

const resultRow = z.object({
  chunk_id: z.string(),
  document_id: z.string(),
  title: z.string(),
  category: z.enum(KNOWLEDGE_CATEGORIES),
  heading_path: z.array(z.string()),
  content: z.string(),
  chunk_index: z.coerce.number(),
  score: z.coerce.number(),
  fts_rank: z.coerce.number().nullable(),
  vector_rank: z.coerce.number().nullable(),
  trigram_rank: z.coerce.number().nullable(),
});

export type KnowledgeSearch = {
  results: KnowledgeSearchResult[];
  tookMs: number;
  embeddingModel: string;
  /** False when the embedding service failed and only words (full text and typo-tolerant) were searched. */
  byMeaning: boolean;
};

/**
 * The passages the assistant would read for a question: one hybrid query (full text, meaning, typo-tolerant text)
 * over the business's enabled knowledge. Runs in the caller's transaction, so RLS applies as well as the explicit
 * business id. The query is embedded by the same model as the index; chunks of another model (mid re-embedding)
 * still match by text. If the embedding service fails, the search still answers from words alone (a customer waiting
 * for a reply is better served by a keyword match than by an error) and says so in `byMeaning`.
 */
export async function searchKnowledge(
  db: Db,
  { businessId, query, limit = 5 }: { businessId: string; query: string; limit?: number },
): Promise<KnowledgeSearch> {
  const started = performance.now();
  const provider = embeddingProvider();
  let vector: string | null = null;
  let byMeaning = true;
  try {
    const { vectors } = await embedTexts([query], { businessId, task: "knowledge_search", provider, maxRetries: 1 });
    vector = vectors[0] ? `[${vectors[0].join(",")}]` : null;
  } catch (error) {
    byMeaning = false;
    log.warn("knowledge.search_embedding_failed", { businessId, model: provider.id, error });
  }
  const rows = rowsOf(
    await db.execute(sql`select s.*, c.chunk_index
      from public.search_knowledge(${businessId}::uuid, ${query}, ${vector}::extensions.vector, ${limit}::int, ${provider.id}) s
      join public.knowledge_chunks c on c.id = s.chunk_id
      order by s.score desc, s.chunk_id`),
  );
  const results = rows.map((raw) => {
    const row = resultRow.parse(raw);
    return {
      chunkId: row.chunk_id,
      documentId: row.document_id,
      title: row.title,
      category: row.category,
      headingPath: row.heading_path,
      content: row.content,
      chunkIndex: row.chunk_index,
      score: row.score,
      ranks: { fullText: row.fts_rank, vector: row.vector_rank, trigram: row.trigram_rank },
    };
  });
  return { results, tookMs: Math.round(performance.now() - started), embeddingModel: provider.id, byMeaning };
}

/**
 * Counts a use of each document whose passages the assistant answered from (the list shows "used N times"). Called
 * by the agent on its service path, with the business id of the conversation.
 */
export async function recordKnowledgeUse(db: Db, { businessId, documentIds }: { businessId: string; documentIds: string[] }) {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return;
  await db.execute(sql`update public.knowledge_documents set usage_count = usage_count + 1, last_used_at = now()
    where business_id = ${businessId} and id = any(${`{${unique.join(",")}}`}::uuid[])`);
}
