import type { EmbeddingModelV4 } from "@ai-sdk/provider";
import { EMBEDDING_DIMENSIONS, OFFLINE_EMBEDDING_MODEL, embedOffline } from "@/lib/knowledge/offline-embedder";
import { countTokens } from "@/lib/knowledge/chunking";

/**
 * The offline embedder behind the AI SDK's embedding-model interface, so embedded mode and tests go through the same
 * `embedMany` path as OpenAI. Deterministic, local, free.
 */
export function offlineEmbeddingModel(): EmbeddingModelV4 {
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId: OFFLINE_EMBEDDING_MODEL,
    maxEmbeddingsPerCall: 256,
    supportsParallelCalls: false,
    async doEmbed({ values, dimensions }) {
      if (dimensions !== undefined && dimensions !== EMBEDDING_DIMENSIONS) {
        throw new Error(`The offline embedder makes ${EMBEDDING_DIMENSIONS}-dimension vectors, not ${dimensions}`);
      }
      return {
        embeddings: embedOffline(values),
        usage: { tokens: values.reduce((sum, value) => sum + countTokens(value), 0) },
        warnings: [],
      };
    },
  };
}
