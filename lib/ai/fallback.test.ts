import { APICallError, type LanguageModelV4CallOptions, type LanguageModelV4StreamPart, type LanguageModelV4Usage } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { convertArrayToReadableStream, convertReadableStreamToArray, MockLanguageModelV4 } from "ai/test";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AllModelsFailedError, withFallback, type Attempt } from "./fallback";
import { chatModelChain, type ChatProvider, type ResolvedChatModel } from "./models";
import { restoreAiEnv, setAiEnv } from "./testing/ai-env";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./testing/fake-openai-server";

const usage = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

function textParts(text: string, tokens = usage(10, 5)): LanguageModelV4StreamPart[] {
  return [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...text.split(/(?<=\s)/).map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: tokens },
  ];
}

const answering = (text: string, tokens?: LanguageModelV4Usage) =>
  new MockLanguageModelV4({
    doStream: async () => ({ stream: convertArrayToReadableStream(textParts(text, tokens)) }),
    doGenerate: async () => ({ content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage: tokens ?? usage(10, 5), warnings: [] }),
  });

const failing = (error: unknown) =>
  new MockLanguageModelV4({
    doStream: async () => {
      throw error;
    },
    doGenerate: async () => {
      throw error;
    },
  });

/** Answers only when aborted, with the abort's reason: a model that never replies but honours its signal. */
const silent = () => {
  const hang = (options: LanguageModelV4CallOptions) =>
    new Promise<never>((_, reject) => options.abortSignal?.addEventListener("abort", () => reject(options.abortSignal!.reason), { once: true }));
  return new MockLanguageModelV4({ doStream: hang, doGenerate: hang });
};

const entry = (id: string, model: MockLanguageModelV4, provider: ChatProvider = "openai"): ResolvedChatModel => ({ id, provider, model });

const PROMPT: LanguageModelV4CallOptions = { prompt: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] };

function recorder() {
  const attempts: Attempt[] = [];
  return { attempts, onAttempt: (a: Attempt) => attempts.push(a), summary: () => attempts.map((a) => `${a.id}:${a.outcome}`) };
}

async function streamAll(model: Parameters<typeof streamText>[0]["model"]) {
  // onError keeps streamText from logging the errors the tests provoke; they are asserted from the stream instead.
  const result = streamText({ model, prompt: "Hi", maxRetries: 0, onError: () => {} });
  const deltas: string[] = [];
  const errors: unknown[] = [];
  for await (const part of result.stream) {
    if (part.type === "text-delta") deltas.push(part.text);
    if (part.type === "error") errors.push(part.error);
  }
  return { text: deltas.join(""), deltas, errors };
}

describe("withFallback", () => {
  it("needs at least one model, and names the chain", () => {
    expect(() => withFallback([], { timeoutMs: 1000 })).toThrow(/at least one model/);
    const model = withFallback([entry("openai:gpt-4o-mini", answering("a")), entry("offline", answering("b"), "offline")], { timeoutMs: 1000 });
    expect(model.provider).toBe("fallback");
    expect(model.modelId).toBe("openai:gpt-4o-mini → offline");
  });

  it("passes a healthy primary through untouched and reports its usage", async () => {
    const primary = answering("All good here.", usage(42, 7));
    const secondary = answering("never");
    const log = recorder();
    const { deltas, errors } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", secondary, "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt }));
    expect(deltas).toEqual(["All ", "good ", "here."]);
    expect(errors).toEqual([]);
    expect(secondary.doStreamCalls).toHaveLength(0);
    expect(log.attempts).toEqual([{ id: "openai:gpt-4o-mini", provider: "openai", outcome: "ok", latencyMs: expect.any(Number), usage: { inputTokens: 42, outputTokens: 7 } }]);
  });

  it("moves on when the primary throws: the secondary answers and both attempts are reported (stream)", async () => {
    const primary = failing(new Error("upstream 500"));
    const secondary = answering("Second opinion.", usage(12, 3));
    const log = recorder();
    const { text, errors } = await streamAll(
      withFallback([entry("openai:gpt-4o-mini", primary), entry("anthropic:claude-haiku-4-5", secondary, "anthropic")], { timeoutMs: 1000, onAttempt: log.onAttempt }),
    );
    expect(text).toBe("Second opinion.");
    expect(errors).toEqual([]);
    expect(primary.doStreamCalls).toHaveLength(1);
    expect(secondary.doStreamCalls).toHaveLength(1);
    expect(log.attempts).toEqual([
      { id: "openai:gpt-4o-mini", provider: "openai", outcome: "error", latencyMs: expect.any(Number), error: "upstream 500" },
      { id: "anthropic:claude-haiku-4-5", provider: "anthropic", outcome: "ok", latencyMs: expect.any(Number), usage: { inputTokens: 12, outputTokens: 3 } },
    ]);
  });

  it("moves on when the primary throws (generate)", async () => {
    const log = recorder();
    const secondary = answering("From the backup.", usage(8, 4));
    const result = await generateText({
      model: withFallback([entry("openai:gpt-4o-mini", failing(new Error("boom"))), entry("offline", secondary, "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt }),
      prompt: "Hi",
      maxRetries: 0,
    });
    expect(result.text).toBe("From the backup.");
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:error", "offline:ok"]);
    expect(log.attempts[1]!.usage).toEqual({ inputTokens: 8, outputTokens: 4 });
    // The caller's options reach the model that answers.
    expect(secondary.doGenerateCalls[0]!.prompt).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("moves on when the first stream part is already an error", async () => {
    const primary = new MockLanguageModelV4({
      doStream: async () => ({ stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([{ type: "error", error: new Error("overloaded") }]) }),
    });
    const log = recorder();
    const { text } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", answering("Fine."), "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt }));
    expect(text).toBe("Fine.");
    expect(log.attempts[0]).toMatchObject({ outcome: "error", error: "overloaded" });
  });

  it("moves on when the error comes after the provider's preamble but before any word (Anthropic's overloaded error)", async () => {
    const primary = new MockLanguageModelV4({
      doStream: async () => ({
        stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([
          { type: "stream-start", warnings: [] },
          { type: "response-metadata", id: "msg_1", modelId: "claude-haiku-4-5" },
          { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
        ]),
      }),
    });
    const log = recorder();
    const { text, errors } = await streamAll(withFallback([entry("anthropic:claude-haiku-4-5", primary, "anthropic"), entry("offline", answering("Fine."), "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt }));
    expect(text).toBe("Fine.");
    expect(errors).toEqual([]);
    // A provider's plain-object error keeps its message in the usage log.
    expect(log.summary()).toEqual(["anthropic:claude-haiku-4-5:error", "offline:ok"]);
    expect(log.attempts[0]!.error).toBe("Overloaded");
  });

  it("times out a model whose preamble arrives but whose first word does not", async () => {
    const primary = new MockLanguageModelV4({
      doStream: async (options) => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: "stream-start", warnings: [] });
            options.abortSignal?.addEventListener("abort", () => controller.error(options.abortSignal!.reason), { once: true });
          },
        }),
      }),
    });
    const log = recorder();
    const { text } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", answering("Fine."), "offline")], { timeoutMs: 50, onAttempt: log.onAttempt }));
    expect(text).toBe("Fine.");
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:timeout", "offline:ok"]);
  });

  it("does not log a late answer of a timed-out model as ok (generate)", async () => {
    const late = new MockLanguageModelV4({
      doGenerate: async () => {
        await new Promise((resolve) => setTimeout(resolve, 120));
        return { content: [{ type: "text", text: "late" }], finishReason: { unified: "stop", raw: "stop" }, usage: usage(10, 5), warnings: [] };
      },
    });
    const log = recorder();
    const result = await generateText({ model: withFallback([entry("openai:gpt-4o-mini", late), entry("offline", answering("Fine."), "offline")], { timeoutMs: 40, onAttempt: log.onAttempt }), prompt: "Hi", maxRetries: 0 });
    expect(result.text).toBe("Fine.");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:timeout", "offline:ok"]);
  });

  it("gives up on a primary that does not answer within timeoutMs, aborts it, and the secondary answers", async () => {
    const primary = silent();
    const log = recorder();
    const started = performance.now();
    const { text } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", answering("Quick answer."), "offline")], { timeoutMs: 60, onAttempt: log.onAttempt }));
    expect(text).toBe("Quick answer.");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(log.attempts[0]).toMatchObject({ id: "openai:gpt-4o-mini", outcome: "timeout", error: "no answer from openai:gpt-4o-mini within 60 ms" });
    expect(log.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(50);
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:timeout", "offline:ok"]);
    // The abandoned request is cancelled, not left running.
    expect(primary.doStreamCalls[0]!.abortSignal?.aborted).toBe(true);
  });

  it("times out a stream that opens but never sends its first part", async () => {
    const primary = new MockLanguageModelV4({ doStream: async () => ({ stream: new ReadableStream<LanguageModelV4StreamPart>() }) });
    const log = recorder();
    const { text } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", answering("Here."), "offline")], { timeoutMs: 50, onAttempt: log.onAttempt }));
    expect(text).toBe("Here.");
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:timeout", "offline:ok"]);
  });

  it("classifies a 429 API call error as rate_limited, other statuses as error", async () => {
    const apiError = (statusCode: number) =>
      new APICallError({ message: `status ${statusCode}`, url: "https://api.example.test/v1/chat/completions", requestBodyValues: {}, statusCode, isRetryable: statusCode >= 429 });
    const log = recorder();
    const model = withFallback(
      [entry("openai:gpt-4o-mini", failing(apiError(429))), entry("openai:gpt-4o", failing(apiError(500))), entry("offline", answering("ok"), "offline")],
      { timeoutMs: 1000, onAttempt: log.onAttempt },
    );
    await model.doGenerate(PROMPT);
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:rate_limited", "openai:gpt-4o:error", "offline:ok"]);
    expect(log.attempts.map((a) => a.error)).toEqual(["status 429", "status 500", undefined]);
  });

  it("throws AllModelsFailedError with every attempt when no model answers", async () => {
    const log = recorder();
    const model = withFallback(
      [
        entry("openai:gpt-4o-mini", failing(new Error("down"))),
        entry("anthropic:claude-haiku-4-5", failing(new APICallError({ message: "slow down", url: "u", requestBodyValues: {}, statusCode: 429 })), "anthropic"),
        entry("offline", silent(), "offline"),
      ],
      { timeoutMs: 40, onAttempt: log.onAttempt },
    );
    const error = await model.doStream(PROMPT).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AllModelsFailedError);
    const failed = error as AllModelsFailedError;
    expect(failed.message).toBe("every model failed: openai:gpt-4o-mini error, anthropic:claude-haiku-4-5 rate_limited, offline timeout");
    expect(failed.attempts.map((a) => [a.id, a.provider, a.outcome, a.error])).toEqual([
      ["openai:gpt-4o-mini", "openai", "error", "down"],
      ["anthropic:claude-haiku-4-5", "anthropic", "rate_limited", "slow down"],
      ["offline", "offline", "timeout", "no answer from offline within 40 ms"],
    ]);
    expect(log.attempts).toEqual(failed.attempts);
  });

  it("reaches streamText's caller as an error part when every model fails", async () => {
    const { text, errors } = await streamAll(withFallback([entry("openai:gpt-4o-mini", failing(new Error("down")))], { timeoutMs: 1000 }));
    expect(text).toBe("");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AllModelsFailedError);
  });

  it("does not retry an error that comes after the stream started: the stream errors out and the secondary is never called", async () => {
    const primary = new MockLanguageModelV4({
      doStream: async () => ({
        stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "Half a " },
          { type: "error", error: new Error("connection reset") },
        ]),
      }),
    });
    const secondary = answering("never");
    const log = recorder();
    const { text, errors } = await streamAll(withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", secondary, "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt }));
    expect(text).toBe("Half a ");
    expect(errors).toEqual([new Error("connection reset")]);
    expect(secondary.doStreamCalls).toHaveLength(0);
    expect(log.attempts).toEqual([{ id: "openai:gpt-4o-mini", provider: "openai", outcome: "error", latencyMs: expect.any(Number), error: "connection reset" }]);
  });

  it("errors the stream, without a retry, when the provider's stream itself fails mid-way", async () => {
    let sent = 0;
    const primary = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          pull(controller) {
            sent += 1;
            if (sent === 1) controller.enqueue({ type: "stream-start", warnings: [] });
            else if (sent === 2) controller.enqueue({ type: "text-start", id: "t" });
            else if (sent === 3) controller.enqueue({ type: "text-delta", id: "t", delta: "Partial" });
            else controller.error(new Error("socket hang up"));
          },
        }),
      }),
    });
    const secondary = answering("never");
    const log = recorder();
    const model = withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", secondary, "offline")], { timeoutMs: 1000, onAttempt: log.onAttempt });
    const { stream } = await model.doStream(PROMPT);
    await expect(convertReadableStreamToArray(stream)).rejects.toThrow("socket hang up");
    expect(secondary.doStreamCalls).toHaveLength(0);
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:error"]);
    expect(log.attempts[0]!.error).toBe("socket hang up");
  });

  it("stops the chain when the caller aborts during an attempt: no further model, no attempt reported", async () => {
    const primary = silent();
    const secondary = answering("never");
    const log = recorder();
    const caller = new AbortController();
    const model = withFallback([entry("openai:gpt-4o-mini", primary), entry("offline", secondary, "offline")], { timeoutMs: 5000, onAttempt: log.onAttempt, signal: caller.signal });
    const reason = new Error("customer left");
    setTimeout(() => caller.abort(reason), 20);
    await expect(model.doStream(PROMPT)).rejects.toBe(reason);
    expect(primary.doStreamCalls[0]!.abortSignal?.aborted).toBe(true);
    expect(secondary.doStreamCalls).toHaveLength(0);
    expect(log.attempts).toEqual([]);
  });

  it("does not start when the caller has already aborted", async () => {
    const primary = answering("never");
    const caller = new AbortController();
    caller.abort(new Error("gone"));
    const model = withFallback([entry("openai:gpt-4o-mini", primary)], { timeoutMs: 1000, signal: caller.signal });
    await expect(model.doGenerate(PROMPT)).rejects.toThrow("gone");
    expect(primary.doGenerateCalls).toHaveLength(0);
  });

  it("redacts key-like strings from the reported errors and keeps them short", async () => {
    const log = recorder();
    const model = withFallback(
      [
        entry("openai:gpt-4o-mini", failing(new Error("Incorrect API key provided: sk-abc123456. You can find your API key at https://platform.openai.com."))),
        entry("openai:gpt-4o", failing(new Error(`Bad header key-ZYX987654321 and sk-proj-AbC_dEf-123456789 ${"x".repeat(400)}`))),
        entry("offline", answering("ok"), "offline"),
      ],
      { timeoutMs: 1000, onAttempt: log.onAttempt },
    );
    await model.doGenerate(PROMPT);
    const [first, second] = log.attempts;
    expect(first!.error).toBe("Incorrect API key provided: sk-…. You can find your API key at https://platform.openai.com.");
    expect(first!.error).not.toContain("abc123456");
    expect(second!.error).toMatch(/^Bad header key-… and sk-… x+$/);
    expect(second!.error).not.toMatch(/ZYX987654321|AbC_dEf|123456789/);
    expect(second!.error!.length).toBe(200);
  });

  it("reports a stream the caller cancels once, as ok", async () => {
    const log = recorder();
    const model = withFallback([entry("openai:gpt-4o-mini", answering("one two three four"))], { timeoutMs: 1000, onAttempt: log.onAttempt });
    const { stream } = await model.doStream(PROMPT);
    const reader = stream.getReader();
    expect((await reader.read()).value).toEqual({ type: "stream-start", warnings: [] });
    await reader.cancel("enough");
    expect(log.attempts).toEqual([{ id: "openai:gpt-4o-mini", provider: "openai", outcome: "ok", latencyMs: expect.any(Number), usage: undefined }]);
  });
});

describe("withFallback over the real providers", () => {
  let openai: FakeOpenAIServer;
  beforeAll(async () => {
    openai = await startFakeOpenAIServer();
  });
  afterAll(async () => {
    await openai.close();
  });
  afterEach(() => {
    restoreAiEnv();
    openai.reset();
  });

  it("falls back to the offline model when OpenAI answers 429", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script({ status: 429, errorMessage: "Rate limit reached for gpt-4o-mini" });
    const chain = chatModelChain({ primary: "openai:gpt-4o-mini" });
    expect(chain.map((m) => m.id)).toEqual(["openai:gpt-4o-mini", "offline"]);
    const log = recorder();
    const { text, errors } = await streamAll(withFallback(chain, { timeoutMs: 5000, onAttempt: log.onAttempt }));
    expect(errors).toEqual([]);
    expect(text).toBe("Hello! How can I help you today?");
    expect(openai.requests).toHaveLength(1);
    expect(log.attempts).toEqual([
      { id: "openai:gpt-4o-mini", provider: "openai", outcome: "rate_limited", latencyMs: expect.any(Number), error: "Rate limit reached for gpt-4o-mini" },
      { id: "offline", provider: "offline", outcome: "ok", latencyMs: expect.any(Number), usage: { inputTokens: expect.any(Number), outputTokens: 9 } },
    ]);
  });

  it("falls back when OpenAI does not answer in time, and cancels the request", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script({ delayMs: 3000, text: "too late" });
    const log = recorder();
    const { text } = await streamAll(withFallback(chatModelChain({ primary: "openai:gpt-4o-mini" }), { timeoutMs: 150, onAttempt: log.onAttempt }));
    expect(text).toBe("Hello! How can I help you today?");
    expect(log.summary()).toEqual(["openai:gpt-4o-mini:timeout", "offline:ok"]);
    await vi.waitFor(() => expect(openai.requests[0]!.abandoned).toBe(true), { timeout: 1000 });
  });

  it("uses OpenAI's streamed answer when it comes, with its usage", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script({ text: "Straight from OpenAI.", usage: { promptTokens: 30, completionTokens: 4 } });
    const log = recorder();
    const { deltas } = await streamAll(withFallback(chatModelChain({ primary: "openai:gpt-4o-mini" }), { timeoutMs: 5000, onAttempt: log.onAttempt }));
    expect(deltas.filter(Boolean)).toEqual(["Straight ", "from ", "OpenAI."]);
    expect(log.attempts).toEqual([{ id: "openai:gpt-4o-mini", provider: "openai", outcome: "ok", latencyMs: expect.any(Number), usage: { inputTokens: 30, outputTokens: 4 } }]);
    expect(openai.requests[0]!.abandoned).toBe(false);
  });
});
