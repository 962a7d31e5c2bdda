import { APICallError, embedMany } from "ai";
import { embeddingProvider, type EmbeddingProvider } from "./providers";
import { recordAiUsage } from "./usage";

export type EmbeddingTask = "knowledge_index" | "knowledge_search";

export type EmbeddedTexts = {
  /** One vector per input; null where the text has nothing to embed (a zero vector has no direction). */
  vectors: (number[] | null)[];
  modelId: string;
};

const isZero = (vector: number[]) => vector.every((x) => x === 0);

/**
 * Embeds texts with the configured provider and records the call's tokens, cost and latency against the business.
 * Retries are the SDK's (2, with backoff) per call; the indexing job adds its own retries around whole documents.
 */
export async function embedTexts(
  values: string[],
  { businessId, task, provider = embeddingProvider(), abortSignal, maxRetries = 2 }: {
    businessId: string;
    task: EmbeddingTask;
    provider?: EmbeddingProvider;
    abortSignal?: AbortSignal;
    /** The indexing job retries whole documents with its own backoff, so it asks for none here. */
    maxRetries?: number;
  },
): Promise<EmbeddedTexts> {
  if (values.length === 0) return { vectors: [], modelId: provider.id };
  const started = performance.now();
  try {
    const result = await embedMany({
      model: provider.model,
      values,
      dimensions: provider.dimensions,
      maxParallelCalls: 2,
      maxRetries,
      abortSignal,
    });
    const tokens = result.usage?.tokens ?? 0;
    recordAiUsage({
      businessId,
      task,
      provider: provider.provider,
      model: provider.id,
      promptTokens: tokens,
      costMicros: tokens * provider.costMicrosPerToken,
      latencyMs: performance.now() - started,
      outcome: "ok",
    });
    const wrongSize = result.embeddings.find((vector) => vector.length !== provider.dimensions);
    if (wrongSize) {
      throw new Error(`${provider.id} returned ${wrongSize.length}-dimension vectors; the index stores ${provider.dimensions}`);
    }
    return { vectors: result.embeddings.map((vector) => (isZero(vector) ? null : vector)), modelId: provider.id };
  } catch (error) {
    const status = APICallError.isInstance(error) ? error.statusCode : undefined;
    recordAiUsage({
      businessId,
      task,
      provider: provider.provider,
      model: provider.id,
      promptTokens: 0,
      costMicros: 0,
      latencyMs: performance.now() - started,
      outcome: status === 429 ? "rate_limited" : "error",
    });
    throw error;
  }
}
