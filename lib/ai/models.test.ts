import { afterEach, describe, expect, it } from "vitest";
import {
  chatModelChain,
  costMicrosFor,
  defaultChatModelId,
  isKnownChatModelId,
  listChatModels,
  OFFLINE_CHAT_MODEL_ID,
  parseChatModelId,
} from "./models";
import { OFFLINE_CHAT_MODEL } from "./offline-chat-model";
import { restoreAiEnv, setAiEnv } from "./testing/ai-env";

const OPENAI = { OPENAI_API_KEY: "sk-test-openai-0123456789" };
const ANTHROPIC = { ANTHROPIC_API_KEY: "sk-ant-test-0123456789" };
const COMPATIBLE = { LLM_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1", LLM_COMPATIBLE_MODELS: "llama3.1:8b, ,qwen2.5," };

const HOSTED_IDS = ["openai:gpt-4o-mini", "openai:gpt-4.1-mini", "openai:gpt-4o", "anthropic:claude-haiku-4-5", "anthropic:claude-3-5-haiku-latest"];

afterEach(() => {
  restoreAiEnv();
});

const availability = () => Object.fromEntries(listChatModels().map((m) => [m.id, m.available]));

describe("parseChatModelId", () => {
  it("splits at the first colon, so model names may contain colons", () => {
    expect(parseChatModelId("openai:gpt-4o-mini")).toEqual({ provider: "openai", name: "gpt-4o-mini" });
    expect(parseChatModelId("anthropic:claude-haiku-4-5")).toEqual({ provider: "anthropic", name: "claude-haiku-4-5" });
    expect(parseChatModelId("compatible:llama3.1:8b")).toEqual({ provider: "compatible", name: "llama3.1:8b" });
    expect(parseChatModelId("offline")).toEqual({ provider: "offline", name: "offline" });
  });

  it("rejects unknown providers and malformed ids", () => {
    for (const id of ["", "gpt-4o", ":gpt-4o", "openai:", "mistral:large", "offline:x", "OpenAI:gpt-4o"]) expect(parseChatModelId(id), id).toBeNull();
  });
});

describe("listChatModels", () => {
  it("lists the hosted catalogue as unavailable and the offline model as available when nothing is configured", () => {
    setAiEnv({});
    const models = listChatModels();
    expect(models.map((m) => m.id)).toEqual([...HOSTED_IDS, OFFLINE_CHAT_MODEL_ID]);
    expect(availability()).toEqual({ ...Object.fromEntries(HOSTED_IDS.map((id) => [id, false])), offline: true });
    expect(models.at(-1)).toEqual({
      id: "offline",
      label: "Built-in offline model (no key needed)",
      provider: "offline",
      available: true,
      inputMicrosPerToken: 0,
      outputMicrosPerToken: 0,
    });
  });

  it("marks a provider's models available once its key is set", () => {
    setAiEnv(OPENAI);
    expect(availability()).toMatchObject({ "openai:gpt-4o-mini": true, "openai:gpt-4o": true, "anthropic:claude-haiku-4-5": false });
    setAiEnv(ANTHROPIC);
    expect(availability()).toMatchObject({ "openai:gpt-4o-mini": false, "anthropic:claude-haiku-4-5": true, "anthropic:claude-3-5-haiku-latest": true });
  });

  it("carries list prices in micro-dollars per token", () => {
    setAiEnv({});
    const prices = Object.fromEntries(listChatModels().map((m) => [m.id, [m.provider, m.inputMicrosPerToken, m.outputMicrosPerToken]]));
    expect(prices).toEqual({
      "openai:gpt-4o-mini": ["openai", 0.15, 0.6],
      "openai:gpt-4.1-mini": ["openai", 0.4, 1.6],
      "openai:gpt-4o": ["openai", 2.5, 10],
      "anthropic:claude-haiku-4-5": ["anthropic", 1, 5],
      "anthropic:claude-3-5-haiku-latest": ["anthropic", 0.8, 4],
      offline: ["offline", 0, 0],
    });
  });

  it("adds each configured compatible model, trimmed, free, before the offline model", () => {
    setAiEnv(COMPATIBLE);
    const models = listChatModels();
    expect(models.map((m) => m.id)).toEqual([...HOSTED_IDS, "compatible:llama3.1:8b", "compatible:qwen2.5", "offline"]);
    expect(models.find((m) => m.id === "compatible:qwen2.5")).toEqual({
      id: "compatible:qwen2.5",
      label: "qwen2.5 (your OpenAI-compatible server)",
      provider: "compatible",
      available: true,
      inputMicrosPerToken: 0,
      outputMicrosPerToken: 0,
    });
  });

  it("lists no compatible model without a base URL, or without model names", () => {
    setAiEnv({ LLM_COMPATIBLE_MODELS: "llama3.1:8b" });
    expect(listChatModels().some((m) => m.provider === "compatible")).toBe(false);
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1" });
    expect(listChatModels().some((m) => m.provider === "compatible")).toBe(false);
  });
});

describe("isKnownChatModelId", () => {
  it("knows the catalogue whether or not its provider is configured", () => {
    setAiEnv({});
    for (const id of [...HOSTED_IDS, "offline"]) expect(isKnownChatModelId(id), id).toBe(true);
  });

  it("knows a compatible model only when it is configured", () => {
    setAiEnv({});
    expect(isKnownChatModelId("compatible:llama3.1:8b")).toBe(false);
    setAiEnv(COMPATIBLE);
    expect(isKnownChatModelId("compatible:llama3.1:8b")).toBe(true);
    expect(isKnownChatModelId("compatible:mistral")).toBe(false);
  });

  it("rejects ids outside the catalogue", () => {
    setAiEnv({ ...OPENAI, ...ANTHROPIC });
    for (const id of ["openai:gpt-5", "gpt-4o-mini", "anthropic:claude-opus", "", "offline-extractive-v1"]) expect(isKnownChatModelId(id), id).toBe(false);
  });
});

describe("defaultChatModelId", () => {
  it("prefers OpenAI, then Anthropic, then the first compatible model, then offline", () => {
    setAiEnv({});
    expect(defaultChatModelId()).toBe("offline");
    setAiEnv(COMPATIBLE);
    expect(defaultChatModelId()).toBe("compatible:llama3.1:8b");
    setAiEnv({ ...ANTHROPIC, ...COMPATIBLE });
    expect(defaultChatModelId()).toBe("anthropic:claude-haiku-4-5");
    setAiEnv({ ...OPENAI, ...ANTHROPIC, ...COMPATIBLE });
    expect(defaultChatModelId()).toBe("openai:gpt-4o-mini");
  });

  it("is offline when the compatible server lists no models", () => {
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1", LLM_COMPATIBLE_MODELS: " , " });
    expect(defaultChatModelId()).toBe("offline");
  });

  it("is always a known id", () => {
    for (const env of [{}, OPENAI, ANTHROPIC, COMPATIBLE]) {
      setAiEnv(env);
      expect(isKnownChatModelId(defaultChatModelId())).toBe(true);
    }
  });
});

describe("chatModelChain", () => {
  const summary = (chain: ReturnType<typeof chatModelChain>) => chain.map((m) => `${m.id} (${m.provider}) → ${m.model.provider}/${m.model.modelId}`);

  it("is the offline model alone when nothing is configured, whatever the business chose", () => {
    setAiEnv({});
    expect(summary(chatModelChain({}))).toEqual([`offline (offline) → offline/${OFFLINE_CHAT_MODEL}`]);
    expect(summary(chatModelChain({ primary: "openai:gpt-4o", fallback: "anthropic:claude-haiku-4-5" }))).toEqual([`offline (offline) → offline/${OFFLINE_CHAT_MODEL}`]);
  });

  it("starts with the default model when the business has not chosen, and ends with offline", () => {
    setAiEnv(OPENAI);
    expect(summary(chatModelChain({ primary: null, fallback: null }))).toEqual([
      "openai:gpt-4o-mini (openai) → openai.chat/gpt-4o-mini",
      `offline (offline) → offline/${OFFLINE_CHAT_MODEL}`,
    ]);
    expect(chatModelChain({}).map((m) => m.id)).toEqual(["openai:gpt-4o-mini", "offline"]);
  });

  it("tries primary, fallback, offline, in that order, each with its own provider's model", () => {
    setAiEnv({ ...OPENAI, ...ANTHROPIC, ...COMPATIBLE });
    expect(summary(chatModelChain({ primary: "anthropic:claude-haiku-4-5", fallback: "compatible:llama3.1:8b" }))).toEqual([
      "anthropic:claude-haiku-4-5 (anthropic) → anthropic.messages/claude-haiku-4-5",
      "compatible:llama3.1:8b (compatible) → compatible.chat/llama3.1:8b",
      `offline (offline) → offline/${OFFLINE_CHAT_MODEL}`,
    ]);
  });

  it("lists each model once", () => {
    setAiEnv(OPENAI);
    expect(chatModelChain({ primary: "openai:gpt-4o", fallback: "openai:gpt-4o" }).map((m) => m.id)).toEqual(["openai:gpt-4o", "offline"]);
    expect(chatModelChain({ primary: "openai:gpt-4o", fallback: "offline" }).map((m) => m.id)).toEqual(["openai:gpt-4o", "offline"]);
    expect(chatModelChain({ primary: "offline", fallback: "openai:gpt-4o" }).map((m) => m.id)).toEqual(["offline", "openai:gpt-4o"]);
  });

  it("skips models whose provider is not configured or that are not in the catalogue", () => {
    setAiEnv({ ...OPENAI, ...COMPATIBLE });
    expect(chatModelChain({ primary: "anthropic:claude-haiku-4-5", fallback: "openai:gpt-4o" }).map((m) => m.id)).toEqual(["openai:gpt-4o", "offline"]);
    // Neither choice is available (an unknown model, a model the server no longer offers): the server's default steps in.
    expect(chatModelChain({ primary: "openai:gpt-5", fallback: "compatible:mistral" }).map((m) => m.id)).toEqual(["openai:gpt-4o-mini", "offline"]);
    expect(chatModelChain({ primary: "compatible:qwen2.5", fallback: "compatible:llama3.1:8b" }).map((m) => m.id)).toEqual([
      "compatible:qwen2.5",
      "compatible:llama3.1:8b",
      "offline",
    ]);
  });
});

describe("costMicrosFor", () => {
  it("prices tokens at the catalogue's list prices: dollars per million tokens are micro-dollars per token", () => {
    setAiEnv({});
    expect(costMicrosFor("openai:gpt-4o", { inputTokens: 1_000_000 })).toBe(2_500_000);
    expect(costMicrosFor("openai:gpt-4o", { outputTokens: 1_000_000 })).toBe(10_000_000);
    expect(costMicrosFor("openai:gpt-4o-mini", { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(1000 * 0.15 + 500 * 0.6, 9);
    expect(costMicrosFor("anthropic:claude-haiku-4-5", { inputTokens: 2000, outputTokens: 100 })).toBe(2500);
    expect(costMicrosFor("anthropic:claude-3-5-haiku-latest", { inputTokens: 10, outputTokens: 10 })).toBeCloseTo(48, 9);
  });

  it("is zero for no tokens, free models and unknown ids", () => {
    setAiEnv(COMPATIBLE);
    expect(costMicrosFor("openai:gpt-4o", {})).toBe(0);
    expect(costMicrosFor("offline", { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
    expect(costMicrosFor("compatible:llama3.1:8b", { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
    expect(costMicrosFor("openai:gpt-5", { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
  });
});
