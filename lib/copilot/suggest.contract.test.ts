import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { restoreAiEnv, setAiEnv } from "@/lib/ai/testing/ai-env";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/lib/ai/testing/fake-openai-server";
import { withServiceRole } from "@/lib/db";
import { useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { suggestReplies } from "./suggest";
import { conversationWith, rows, salonAndBikes } from "./testing";

/**
 * suggestReplies through the real provider code (the AI SDK's OpenAI Chat Completions client) against a local
 * stand-in for the API: what goes over the wire, and that the model's JSON comes back parsed as suggestions.
 */

const test = freshDatabasePerTest();
let server: FakeOpenAIServer;
const TUESDAY = new Date("2026-11-24T10:00:00Z");
const KEY = "sk-test-copilot-0123456789abcdef";

beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  restoreAiEnv();
  const left = server.pending();
  server.reset();
  expect(left, "every scripted turn was asked for").toBe(0);
});

const MODEL_ANSWER = JSON.stringify({
  summary: "Grace asks what a women's cut costs.",
  suggestions: [{ text: "Hi Grace! A women's cut and blow-dry is €48 and takes about an hour [1]." }, { text: "Would you like to book one? Which day suits you?" }],
});

describe("suggestReplies over a Chat Completions API", () => {
  it("sends the grounded prompt to an OpenAI-compatible server's model and parses its JSON answer", async () => {
    // Knowledge is indexed first, with the offline embedder; the compatible server only answers chat.
    const { salon, carol } = await salonAndBikes(test.database);
    const { conversationId } = await conversationWith(salon, [["customer", "Hi, I'm Grace. How much is a women's cut?"]], { start: TUESDAY });
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: server.baseUrl, LLM_COMPATIBLE_MODELS: "llama3.1:8b" });
    await withServiceRole((tx) => tx.execute(sql`update public.ai_settings set primary_model = 'compatible:llama3.1:8b' where business_id = ${salon}`));
    server.script({ text: MODEL_ANSWER, usage: { promptTokens: 640, completionTokens: 52 } });

    const result = await suggestReplies({ businessId: salon, conversationId, userId: carol, now: TUESDAY });

    expect(result.summary).toBe("Grace asks what a women's cut costs.");
    expect(result.suggestions).toEqual([
      { text: "Hi Grace! A women's cut and blow-dry is €48 and takes about an hour.", sources: [{ n: 1, title: "Services and prices", documentId: expect.any(String) }] },
      { text: "Would you like to book one? Which day suits you?", sources: [] },
    ]);

    expect(server.requests).toHaveLength(1);
    const { body, path } = server.requests[0]!;
    expect(path).toBe("/v1/chat/completions");
    expect(body.model).toBe("llama3.1:8b");
    const [system, user] = body.messages;
    expect(system).toMatchObject({ role: "system" });
    expect(String(system!.content)).toContain("Ada's Salon");
    expect(String(system!.content)).toContain("Answer with only this JSON object");
    expect(JSON.stringify(user!.content)).toContain("Women's cut and blow-dry: €48");
    expect(JSON.stringify(user!.content)).toContain("How much is a women's cut?");

    const logged = await rows(sql`select id, provider, model, prompt_tokens, completion_tokens, outcome from public.ai_usage where task = 'copilot'`);
    expect(logged).toEqual([{ id: result.usageId, provider: "compatible", model: "compatible:llama3.1:8b", prompt_tokens: 640, completion_tokens: 52, outcome: "ok" }]);
  });

  it("reaches OpenAI with the key in the header only, never in the prompt, and falls back to the composer on a bad answer", async () => {
    const { salon, carol } = await salonAndBikes(test.database);
    const { conversationId } = await conversationWith(salon, [["customer", "Can I bring my dog?"]], { start: TUESDAY });
    // With an OpenAI key the search embeds the question with OpenAI too: the stand-in has no embeddings route, so the
    // search answers from words alone (and logs a warning), as it would during an embeddings outage.
    setAiEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.baseUrl });
    // The default model once OpenAI is configured; its answer is prose, not the JSON asked for.
    server.script({ text: "Of course, dogs are welcome!" });

    const result = await suggestReplies({ businessId: salon, conversationId, userId: carol, now: TUESDAY });

    expect(result.suggestions).toHaveLength(2);
    expect(result.suggestions[0]!.text.toLowerCase()).toContain("dogs are welcome");
    expect(result.suggestions[0]!.sources.map((s) => s.title)).toEqual(["Policies"]);
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body.model).toBe("gpt-4o-mini");
    expect(JSON.stringify(request.body)).not.toContain(KEY);
    const [logged] = await rows(sql`select provider, model, prompt_tokens, outcome from public.ai_usage where task = 'copilot'`);
    expect(logged).toEqual({ provider: "openai", model: "openai:gpt-4o-mini", prompt_tokens: 11, outcome: "fallback" });
  });
});
