import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateText, stepCountIs, streamText, tool } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { OFFLINE_EMBEDDING_MODEL } from "@/lib/knowledge/offline-embedder";
import { OFFLINE_CHAT_MODEL } from "./offline-chat-model";
import { chatModel, embeddingProvider } from "./providers";
import { restoreAiEnv, setAiEnv } from "./testing/ai-env";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "./testing/fake-openai-server";

let openai: FakeOpenAIServer;

beforeAll(async () => {
  openai = await startFakeOpenAIServer();
});
afterAll(async () => {
  await openai.close();
});
afterEach(() => {
  restoreAiEnv();
  const left = openai.pending();
  openai.reset();
  expect(left, "every scripted turn was asked for").toBe(0);
});

const weatherTool = (execute: (input: { city: string; unit: "celsius" | "fahrenheit" }) => Promise<unknown>) =>
  tool({
    description: "The weather in a city today",
    inputSchema: z.object({ city: z.string().min(1), unit: z.enum(["celsius", "fahrenheit"]) }),
    execute,
  });

describe("chatModel('openai:…') against a Chat Completions server", () => {
  it("streams text token by token, runs a streamed tool call and sends its result back, with the key and usage", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script(
      { toolCalls: [{ id: "call_weather_1", name: "get_weather", arguments: { city: "Lisbon", unit: "celsius" } }], usage: { promptTokens: 52, completionTokens: 9 } },
      { text: "It is sunny in Lisbon, 24 °C.", usage: { promptTokens: 80, completionTokens: 11 } },
    );
    const execute = vi.fn(async ({ city }: { city: string }) => ({ city, forecast: "sunny", temperatureC: 24 }));

    const result = streamText({
      model: chatModel("openai:gpt-4o-mini"),
      system: "You are a weather bot.",
      messages: [{ role: "user", content: "What's the weather in Lisbon?" }],
      tools: { get_weather: weatherTool(execute) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    const deltas: string[] = [];
    const toolCalls: unknown[] = [];
    const toolResults: unknown[] = [];
    for await (const part of result.stream) {
      if (part.type === "text-delta") deltas.push(part.text);
      if (part.type === "tool-call") toolCalls.push({ id: part.toolCallId, name: part.toolName, input: part.input });
      if (part.type === "tool-result") toolResults.push(part.output);
      if (part.type === "error") throw part.error;
    }

    // Text arrives as the server sent it: a word per chunk, not one block.
    expect(deltas.filter(Boolean)).toEqual(["It ", "is ", "sunny ", "in ", "Lisbon, ", "24 ", "°C."]);
    expect(await result.text).toBe("It is sunny in Lisbon, 24 °C.");
    // The arguments came in fragments and were parsed and validated against the zod schema.
    expect(toolCalls).toEqual([{ id: "call_weather_1", name: "get_weather", input: { city: "Lisbon", unit: "celsius" } }]);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]![0]).toEqual({ city: "Lisbon", unit: "celsius" });
    expect(toolResults).toEqual([{ city: "Lisbon", forecast: "sunny", temperatureC: 24 }]);

    expect(openai.requests).toHaveLength(2);
    const [first, second] = openai.requests.map((r) => r!);
    expect(first!.path).toBe("/v1/chat/completions");
    expect(first!.headers.authorization).toBe("Bearer sk-test-openai-0123456789");
    expect(first!.body).toMatchObject({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true } });
    expect(first!.body.messages).toEqual([
      { role: "system", content: "You are a weather bot." },
      { role: "user", content: "What's the weather in Lisbon?" },
    ]);
    expect(first!.body.tools).toHaveLength(1);
    expect(first!.body.tools![0]).toMatchObject({
      type: "function",
      function: {
        name: "get_weather",
        description: "The weather in a city today",
        parameters: { type: "object", properties: { city: { type: "string" }, unit: { enum: ["celsius", "fahrenheit"] } }, required: ["city", "unit"] },
      },
    });

    // The second step replays the assistant's tool call and carries the tool's result under the same id.
    const assistant = second!.body.messages.find((m) => m.role === "assistant");
    expect(assistant?.tool_calls?.[0]).toMatchObject({ id: "call_weather_1", function: { name: "get_weather" } });
    expect(JSON.parse(assistant!.tool_calls![0]!.function.arguments)).toEqual({ city: "Lisbon", unit: "celsius" });
    const toolMessage = second!.body.messages.find((m) => m.role === "tool");
    expect(toolMessage?.tool_call_id).toBe("call_weather_1");
    expect(JSON.parse(String(toolMessage!.content))).toEqual({ city: "Lisbon", forecast: "sunny", temperatureC: 24 });
    expect(second!.headers.authorization).toBe("Bearer sk-test-openai-0123456789");

    // Usage from the final chunk of each step, summed over the steps.
    const steps = await result.steps;
    expect(steps.map((s) => [s.finishReason, s.usage.inputTokens, s.usage.outputTokens])).toEqual([
      ["tool-calls", 52, 9],
      ["stop", 80, 11],
    ]);
    const total = await result.totalUsage;
    expect([total.inputTokens, total.outputTokens, total.totalTokens]).toEqual([132, 20, 152]);
  });

  it("stops after the step limit even when the model keeps calling tools", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    const call = (n: number) => ({ toolCalls: [{ id: `call_${n}`, name: "get_weather", arguments: { city: `City ${n}`, unit: "celsius" } }] });
    openai.script(call(1), call(2), call(3));
    const execute = vi.fn(async ({ city }: { city: string }) => ({ city, forecast: "rain" }));
    const result = streamText({
      model: chatModel("openai:gpt-4o-mini"),
      prompt: "Weather everywhere?",
      tools: { get_weather: weatherTool(execute) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    await result.consumeStream();
    expect(openai.requests).toHaveLength(3);
    expect(execute.mock.calls.map((c) => c[0].city)).toEqual(["City 1", "City 2", "City 3"]);
    expect(await result.finishReason).toBe("tool-calls");
  });

  it("speaks the non-streaming JSON form too (generateText)", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script({ text: "Hello from JSON.", usage: { promptTokens: 5, completionTokens: 4 } });
    const result = await generateText({ model: chatModel("openai:gpt-4.1-mini"), prompt: "Say hello", maxRetries: 0 });
    expect(result.text).toBe("Hello from JSON.");
    expect([result.usage.inputTokens, result.usage.outputTokens]).toEqual([5, 4]);
    expect(openai.requests[0]!.body.model).toBe("gpt-4.1-mini");
    expect(openai.requests[0]!.body.stream).toBeFalsy();
  });

  it("surfaces the server's error status as an API call error", async () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script({ status: 401, errorMessage: "Incorrect API key provided" });
    await expect(generateText({ model: chatModel("openai:gpt-4o-mini"), prompt: "Hi", maxRetries: 0 })).rejects.toMatchObject({
      statusCode: 401,
      message: expect.stringContaining("Incorrect API key provided"),
    });
  });
});

describe("chatModel('compatible:…')", () => {
  it("reaches the configured base URL without a real key, with a model name that contains ':'", async () => {
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: openai.baseUrl, LLM_COMPATIBLE_MODELS: "llama3.1:8b, qwen2.5" });
    openai.script({ text: "Local answer." });
    const model = chatModel("compatible:llama3.1:8b");
    expect(model.provider).toBe("compatible.chat");
    expect(model.modelId).toBe("llama3.1:8b");
    const result = streamText({ model, prompt: "Hi", maxRetries: 0 });
    expect(await result.text).toBe("Local answer.");
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]!.body.model).toBe("llama3.1:8b");
    // The SDK insists on some key; a local server ignores the placeholder.
    expect(openai.requests[0]!.headers.authorization).toBe("Bearer not-needed");
  });

  it("sends the compatible key when one is configured, and never the OpenAI one", async () => {
    setAiEnv({
      OPENAI_API_KEY: "sk-openai-must-not-leak",
      LLM_COMPATIBLE_BASE_URL: openai.baseUrl,
      LLM_COMPATIBLE_API_KEY: "local-secret",
      LLM_COMPATIBLE_MODELS: "qwen2.5",
    });
    openai.script({ text: "ok" });
    await generateText({ model: chatModel("compatible:qwen2.5"), prompt: "Hi", maxRetries: 0 });
    expect(openai.requests[0]!.headers.authorization).toBe("Bearer local-secret");
  });
});

describe("chatModel without the provider configured", () => {
  it("returns the offline model for every hosted id when no key is set, and calls no server", async () => {
    setAiEnv({});
    for (const id of ["openai:gpt-4o-mini", "anthropic:claude-haiku-4-5", "compatible:llama3.1:8b", "offline", "mistral:large", ""]) {
      const model = chatModel(id);
      expect([id, model.provider, model.modelId]).toEqual([id, "offline", OFFLINE_CHAT_MODEL]);
    }
    const result = streamText({ model: chatModel("openai:gpt-4o-mini"), prompt: "Hello", maxRetries: 0 });
    expect(await result.text).toBe("Hello! How can I help you today?");
    expect(openai.requests).toHaveLength(0);
  });

  it("uses only the providers that are configured", () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789" });
    expect(chatModel("openai:gpt-4o").provider).toBe("openai.chat");
    expect(chatModel("openai:gpt-4o").modelId).toBe("gpt-4o");
    expect(chatModel("anthropic:claude-haiku-4-5").provider).toBe("offline");
    expect(chatModel("compatible:llama3.1:8b").provider).toBe("offline");
    setAiEnv({ ANTHROPIC_API_KEY: "sk-ant-test" });
    expect(chatModel("anthropic:claude-haiku-4-5").provider).toBe("anthropic.messages");
    expect(chatModel("anthropic:claude-haiku-4-5").modelId).toBe("claude-haiku-4-5");
    expect(chatModel("openai:gpt-4o").provider).toBe("offline");
  });
});

describe("embeddingProvider", () => {
  it("is the offline embedder without an OpenAI key", () => {
    setAiEnv({});
    const provider = embeddingProvider();
    expect(provider).toMatchObject({ provider: "offline", id: OFFLINE_EMBEDDING_MODEL, dimensions: 512, costMicrosPerToken: 0 });
  });

  it("names the OpenAI model and the shortened dimension, priced from the list", () => {
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789" });
    expect(embeddingProvider()).toMatchObject({ provider: "openai", id: "text-embedding-3-small@512", dimensions: 512, costMicrosPerToken: 0.02 });
    vi.stubEnv("OPENAI_EMBEDDING_MODEL", "text-embedding-3-large");
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789" });
    expect(embeddingProvider()).toMatchObject({ id: "text-embedding-3-large@512", costMicrosPerToken: 0.13 });
  });
});

/** Just enough of Anthropic's Messages API (streaming) to check the wiring: one text reply in SSE events. */
async function startFakeAnthropic(reply: string[]) {
  const requests: { path?: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> }[] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    requests.push({ path: req.url, headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
    res.writeHead(200, { "content-type": "text/event-stream" });
    const event = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    event("message_start", {
      message: { id: "msg_fake_1", type: "message", role: "assistant", model: "claude-haiku-4-5", content: [], stop_reason: null, usage: { input_tokens: 21, output_tokens: 1 } },
    });
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
    for (const text of reply) event("content_block_delta", { index: 0, delta: { type: "text_delta", text } });
    event("content_block_stop", { index: 0 });
    event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 6 } });
    event("message_stop", {});
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("chatModel('anthropic:…') against a Messages API server", () => {
  it("streams the reply with the key in x-api-key and reports usage", async () => {
    const anthropic = await startFakeAnthropic(["Bonjour", ", ", "Lisbon!"]);
    try {
      setAiEnv({ ANTHROPIC_API_KEY: "sk-ant-test-0123456789", ANTHROPIC_BASE_URL: anthropic.baseUrl });
      const result = streamText({ model: chatModel("anthropic:claude-haiku-4-5"), system: "Be brief.", prompt: "Greet Lisbon", maxRetries: 0 });
      const deltas: string[] = [];
      for await (const part of result.stream) {
        if (part.type === "text-delta") deltas.push(part.text);
        if (part.type === "error") throw part.error;
      }
      expect(deltas).toEqual(["Bonjour", ", ", "Lisbon!"]);
      const usage = await result.totalUsage;
      expect([usage.inputTokens, usage.outputTokens]).toEqual([21, 6]);
      expect(await result.finishReason).toBe("stop");

      expect(anthropic.requests).toHaveLength(1);
      const [request] = anthropic.requests;
      expect(request!.path).toBe("/v1/messages");
      expect(request!.headers["x-api-key"]).toBe("sk-ant-test-0123456789");
      expect(request!.headers.authorization).toBeUndefined();
      expect(request!.headers["anthropic-version"]).toBeTruthy();
      expect(request!.body).toMatchObject({ model: "claude-haiku-4-5", stream: true, messages: [{ role: "user" }] });
      expect(JSON.stringify(request!.body.system)).toContain("Be brief.");
    } finally {
      await anthropic.close();
    }
  });
});
