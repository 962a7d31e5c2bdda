import type { LanguageModelV4 } from "@ai-sdk/provider";
import { getConfig } from "@/lib/config";
import { chatModel } from "./providers";

export type ChatProvider = "openai" | "anthropic" | "compatible" | "offline";

export type ChatModelInfo = {
  id: string;
  label: string;
  provider: ChatProvider;
  available: boolean;
  /** List prices in micro-dollars per token (= US dollars per million tokens). */
  inputMicrosPerToken: number;
  outputMicrosPerToken: number;
};

export type ResolvedChatModel = { id: string; provider: ChatProvider; model: LanguageModelV4 };

export const OFFLINE_CHAT_MODEL_ID = "offline";

// List prices, US dollars per million tokens (input, output).
const CATALOGUE: { id: string; label: string; provider: ChatProvider; input: number; output: number }[] = [
  { id: "openai:gpt-4o-mini", label: "OpenAI GPT-4o mini", provider: "openai", input: 0.15, output: 0.6 },
  { id: "openai:gpt-4.1-mini", label: "OpenAI GPT-4.1 mini", provider: "openai", input: 0.4, output: 1.6 },
  { id: "openai:gpt-4o", label: "OpenAI GPT-4o", provider: "openai", input: 2.5, output: 10 },
  { id: "anthropic:claude-haiku-4-5", label: "Anthropic Claude Haiku 4.5", provider: "anthropic", input: 1, output: 5 },
  { id: "anthropic:claude-3-5-haiku-latest", label: "Anthropic Claude 3.5 Haiku", provider: "anthropic", input: 0.8, output: 4 },
];

/** Splits "compatible:llama3.1:8b" into its provider and model name (a model name may itself contain ':'). */
export function parseChatModelId(id: string): { provider: ChatProvider; name: string } | null {
  if (id === OFFLINE_CHAT_MODEL_ID) return { provider: "offline", name: "offline" };
  const colon = id.indexOf(":");
  if (colon <= 0) return null;
  const provider = id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (!name || !["openai", "anthropic", "compatible"].includes(provider)) return null;
  return { provider: provider as ChatProvider, name };
}

/** Every model a business may choose, with whether its provider is configured here. */
export function listChatModels(): ChatModelInfo[] {
  const { ai } = getConfig();
  const hosted: ChatModelInfo[] = CATALOGUE.map((m) => ({
    id: m.id,
    label: m.label,
    provider: m.provider,
    available: m.provider === "openai" ? Boolean(ai.openai) : Boolean(ai.anthropic),
    inputMicrosPerToken: m.input,
    outputMicrosPerToken: m.output,
  }));
  const compatible: ChatModelInfo[] = (ai.compatible?.models ?? []).map((name) => ({
    id: `compatible:${name}`,
    label: `${name} (your OpenAI-compatible server)`,
    provider: "compatible",
    available: true,
    inputMicrosPerToken: 0,
    outputMicrosPerToken: 0,
  }));
  const offline: ChatModelInfo = {
    id: OFFLINE_CHAT_MODEL_ID,
    label: "Built-in offline model (no key needed)",
    provider: "offline",
    available: true,
    inputMicrosPerToken: 0,
    outputMicrosPerToken: 0,
  };
  return [...hosted, ...compatible, offline];
}

export function isKnownChatModelId(id: string): boolean {
  return listChatModels().some((m) => m.id === id);
}

/** The model a business gets until it chooses: the first configured provider's small model, else offline. */
export function defaultChatModelId(): string {
  const { ai } = getConfig();
  if (ai.openai) return "openai:gpt-4o-mini";
  if (ai.anthropic) return "anthropic:claude-haiku-4-5";
  if (ai.compatible?.models[0]) return `compatible:${ai.compatible.models[0]}`;
  return OFFLINE_CHAT_MODEL_ID;
}

/**
 * The models to try for a reply, in order: the business's primary (or the default), its fallback, and the offline
 * model last, so a customer is never left without an answer. Models whose provider is not configured are skipped;
 * when neither of the business's choices is available (a key was removed), the server's default takes their place.
 */
export function chatModelChain({ primary, fallback }: { primary?: string | null; fallback?: string | null }): ResolvedChatModel[] {
  const available = new Map(listChatModels().filter((m) => m.available).map((m) => [m.id, m]));
  const chosen = [primary ?? defaultChatModelId(), fallback].filter((id): id is string => typeof id === "string" && available.has(id));
  const ids = [...(chosen.length > 0 ? chosen : [defaultChatModelId()]), OFFLINE_CHAT_MODEL_ID].filter((id, index, list) => list.indexOf(id) === index);
  return ids.map((id) => ({ id, provider: available.get(id)!.provider, model: chatModel(id) }));
}

/** What a call cost, in micro-dollars, at the catalogue's list prices. */
export function costMicrosFor(id: string, usage: { inputTokens?: number; outputTokens?: number }): number {
  const info = listChatModels().find((m) => m.id === id);
  if (!info) return 0;
  return (usage.inputTokens ?? 0) * info.inputMicrosPerToken + (usage.outputTokens ?? 0) * info.outputMicrosPerToken;
}
