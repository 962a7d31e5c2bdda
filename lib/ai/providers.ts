import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { EmbeddingModelV4, LanguageModelV4 } from "@ai-sdk/provider";
import { getConfig } from "@/lib/config";
import { EMBEDDING_DIMENSIONS } from "@/lib/knowledge/offline-embedder";
import { offlineChatModel } from "./offline-chat-model";
import { offlineEmbeddingModel } from "./offline-embedding-model";

/** The one place that names a model provider. */
export type EmbeddingProvider = {
  provider: "openai" | "offline";
  model: EmbeddingModelV4;
  /** What chunks record: a change of model or dimension makes stored vectors incomparable, so both are in it. */
  id: string;
  dimensions: number;
  /** US dollars per million input tokens, in micro-dollars per token. */
  costMicrosPerToken: number;
};

// List prices, in US dollars per million tokens.
const OPENAI_EMBEDDING_PRICES: Record<string, number> = {
  "text-embedding-3-small": 0.02,
  "text-embedding-3-large": 0.13,
  "text-embedding-ada-002": 0.1,
};

/**
 * OpenAI's text-embedding-3 models shorten their vectors on request (Matryoshka training), so the column's 512
 * dimensions serve both providers: at 512, text-embedding-3-small keeps nearly all of its retrieval quality (OpenAI's
 * MTEB figures: 62.3 at 1536, 61.6 at 512) while the exact per-business scan reads a third of the bytes.
 */
export function embeddingProvider(): EmbeddingProvider {
  const { openai } = getConfig();
  if (!openai) {
    const model = offlineEmbeddingModel();
    return { provider: "offline", model, id: model.modelId, dimensions: EMBEDDING_DIMENSIONS, costMicrosPerToken: 0 };
  }
  const client = createOpenAI({ apiKey: openai.apiKey, baseURL: openai.baseUrl });
  return {
    provider: "openai",
    model: client.embedding(openai.embeddingModel),
    id: `${openai.embeddingModel}@${EMBEDDING_DIMENSIONS}`,
    dimensions: EMBEDDING_DIMENSIONS,
    costMicrosPerToken: OPENAI_EMBEDDING_PRICES[openai.embeddingModel] ?? 0,
  };
}

/**
 * The chat model behind an id of the catalogue (lib/ai/models.ts). OpenAI and OpenAI-compatible servers (Ollama, vLLM,
 * LM Studio) are reached through Chat Completions, which all of them speak; Anthropic through its Messages API.
 */
export function chatModel(id: string): LanguageModelV4 {
  const { ai } = getConfig();
  const colon = id.indexOf(":");
  const provider = colon > 0 ? id.slice(0, colon) : id;
  const name = id.slice(colon + 1);
  if (provider === "openai" && ai.openai) return createOpenAI({ apiKey: ai.openai.apiKey, baseURL: ai.openai.baseUrl }).chat(name);
  if (provider === "anthropic" && ai.anthropic) return createAnthropic({ apiKey: ai.anthropic.apiKey, baseURL: ai.anthropic.baseUrl })(name);
  if (provider === "compatible" && ai.compatible) {
    return createOpenAI({ name: "compatible", baseURL: ai.compatible.baseUrl, apiKey: ai.compatible.apiKey ?? "not-needed" }).chat(name);
  }
  return offlineChatModel();
}
