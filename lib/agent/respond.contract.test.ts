import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { chatModel } from "@/lib/ai/providers";
import { restoreAiEnv, setAiEnv } from "@/lib/ai/testing/ai-env";
import { startFakeAnthropicServer, type FakeAnthropicServer } from "@/lib/ai/testing/fake-anthropic-server";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/lib/ai/testing/fake-openai-server";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { answerCustomerMessage } from "./respond";

/**
 * The agent's pipeline with a hosted model, through the real provider clients (the AI SDK's OpenAI Chat Completions
 * and Anthropic Messages code) against local stand-ins that replay recorded tool calls: what the model is told (the
 * business's vertical, the channel, the customer's language, what to do when the passages do not answer), and that
 * a search_knowledge → answer sequence comes back as a reply with its sources.
 */

const test = freshDatabasePerTest();
const OPEN = new Date("2026-11-24T10:00:00Z");
const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));
let openai: FakeOpenAIServer;
let anthropic: FakeAnthropicServer;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startFakeOpenAIServer(), startFakeAnthropicServer()]);
});
afterAll(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});
afterEach(() => {
  restoreAiEnv();
  const left = openai.pending() + anthropic.pending();
  openai.reset();
  anthropic.requests.length = 0;
  expect(left, "every scripted turn was asked for").toBe(0);
});

async function guesthouse() {
  const owner = await createUser(test.database, { email: "rui@guesthouse.test", fullName: "Rui Costa" });
  const businessId = await createBusinessAs(owner, { name: "Casa Azul", vertical: "hotel", timeZone: "Europe/Lisbon", currency: "EUR" });
  await withServiceRole(async (tx) => {
    await tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`);
    await insertKnowledgeDocument(tx, {
      businessId,
      document: typedDocument({
        kind: "article",
        title: "Rooms and rates",
        category: "rooms",
        body: "# Double room\n\nA double room is €95 a night, breakfast included.\n\n# Breakfast\n\nBreakfast is served from 7:30 to 10:30 in the garden room.",
      }),
    });
  });
  // Indexed with the offline embedder: the stand-ins only answer chat.
  await runKnowledgeJobs({ budgetMs: 30_000 });
  return businessId;
}

const customerSays = (businessId: string, text: string, channel: "widget" | "whatsapp" = "widget") =>
  withServiceRole((tx) =>
    ingestCustomerMessage(tx, { businessId, channel, contactExternalId: "visitor-1", externalMessageId: crypto.randomUUID(), text, afterHours: false }),
  );

const rows = async (query: ReturnType<typeof sql>) => withServiceRole(async (tx) => rowsOf(await tx.execute(query)));

/** A chain of exactly this model: no offline fallback to hide a wire problem. */
const only = (id: string, provider: ResolvedChatModel["provider"]): ResolvedChatModel[] => [{ id, provider, model: chatModel(id) }];

const systemOf = (body: { messages: { role: string; content?: unknown }[] }) => String(body.messages.find((m) => m.role === "system")?.content ?? "");

describe("the agent over an OpenAI-compatible Chat Completions server", () => {
  it("tells the model the vertical, the channel, the language and the no-answer rule, and returns its cited answer with sources", async () => {
    const businessId = await guesthouse();
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: openai.baseUrl, LLM_COMPATIBLE_MODELS: "llama3.1:8b" });
    openai.script(
      { toolCalls: [{ id: "call_search_1", name: "search_knowledge", arguments: { query: "breakfast served" } }] },
      { text: "Breakfast is served from 7:30 to 10:30 in the garden room [1]." },
    );
    const stored = await customerSays(businessId, "When is breakfast served?");
    let streamed = "";
    const meta = await answerCustomerMessage({
      businessId,
      messageId: stored.messageId,
      chain: only("compatible:llama3.1:8b", "compatible"),
      now: OPEN,
      sink: { text: (d) => (streamed += d) },
    });

    expect(streamed).toBe("Breakfast is served from 7:30 to 10:30 in the garden room [1].");
    expect(meta).toMatchObject({ handedOff: false, status: "ai" });
    expect(meta.sources.map((s) => [s.n, s.title])).toEqual([[1, "Rooms and rates"]]);
    expect(meta.confidence).toBeGreaterThanOrEqual(0.8);

    expect(openai.requests).toHaveLength(2);
    const system = systemOf(openai.requests[0]!.body);
    expect(system).toContain("You are the front desk assistant of Casa Azul, a hotel or guest house.");
    expect(system).toContain("over the chat on its website");
    expect(system).toContain("The customer writes in English: reply in English");
    expect(system).toContain("If the passages do not answer the question, say so in one short sentence, offer to pass it to a person");
    expect(system).toContain("Never guess a price, a time, or a yes or no that the passages do not state.");
    // A hotel: availability is the team's to check, and no appointment is offered.
    expect(system).toContain("you cannot check availability or take a booking yourself");
    expect(system).not.toMatch(/appointment/i);
    expect(openai.requests[0]!.body.tools?.map((t) => t.function.name).sort()).toEqual(["capture_lead", "escalate_to_human", "opening_hours", "search_knowledge"]);
    // The recorded search ran against this business's knowledge, and its passages went back to the model.
    const toolMessage = openai.requests[1]!.body.messages.find((m) => m.role === "tool");
    expect(toolMessage?.tool_call_id).toBe("call_search_1");
    expect(String(toolMessage?.content)).toContain("Breakfast is served from 7:30 to 10:30 in the garden room.");

    const [reply] = await rows(sql`select content, sources from public.messages where id = ${meta.messageId}`);
    expect(reply!.content).toBe(streamed);
    expect((reply!.sources as { title: string }[]).map((s) => s.title)).toEqual(["Rooms and rates"]);
  });

  it("asks for a reply in Spanish, names WhatsApp, and keeps a cited Spanish answer on English knowledge", async () => {
    const businessId = await guesthouse();
    setAiEnv({ OPENAI_API_KEY: "sk-test-openai-0123456789", OPENAI_BASE_URL: openai.baseUrl });
    openai.script(
      // The model searches in the knowledge's language and answers in the customer's: the Spanish question shares
      // no word with the English passage, so the model's own query vouches for it (capped, so only a cited answer
      // clears the threshold).
      { toolCalls: [{ id: "call_search_1", name: "search_knowledge", arguments: { query: "breakfast" } }] },
      { text: "El desayuno se sirve de 7:30 a 10:30 en el salón del jardín [1]." },
    );
    const stored = await customerSays(businessId, "¿A qué hora es el desayuno?", "whatsapp");
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: only("openai:gpt-4o-mini", "openai"), now: OPEN });

    expect(meta).toMatchObject({ handedOff: false, status: "ai", quickReplies: ["Hablar con una persona"] });
    expect(meta.sources.map((s) => s.title)).toEqual(["Rooms and rates"]);
    const system = systemOf(openai.requests[0]!.body);
    expect(system).toContain("The customer writes in Spanish: reply in Spanish, even when the passages are in another language");
    expect(system).toContain("over WhatsApp");
  });

  it("hands off in the customer's language when the model finds nothing and escalates", async () => {
    const businessId = await guesthouse();
    setAiEnv({ LLM_COMPATIBLE_BASE_URL: openai.baseUrl, LLM_COMPATIBLE_MODELS: "llama3.1:8b" });
    openai.script(
      { toolCalls: [{ id: "call_search_1", name: "search_knowledge", arguments: { query: "airport shuttle price" } }] },
      { toolCalls: [{ id: "call_escalate_1", name: "escalate_to_human", arguments: { reason: "no_answer", summary: "Asks the price of an airport shuttle." } }] },
      { text: "" },
    );
    const stored = await customerSays(businessId, "Quanto custa o transfer do aeroporto?");
    let streamed = "";
    const meta = await answerCustomerMessage({
      businessId,
      messageId: stored.messageId,
      chain: only("compatible:llama3.1:8b", "compatible"),
      now: OPEN,
      sink: { text: (d) => (streamed += d) },
    });
    expect(meta).toMatchObject({ handedOff: true, status: "needs_human", sources: [], quickReplies: [] });
    expect(streamed).toBe("Pedi a uma pessoa da nossa equipe para entrar na conversa — ela vai responder aqui em breve.");
    expect(systemOf(openai.requests[0]!.body)).toContain("The customer writes in Portuguese: reply in Portuguese");
  });
});

describe("the agent over Anthropic's Messages API", () => {
  it("sends the same system prompt and turns a recorded search → answer into a reply with sources", async () => {
    const businessId = await guesthouse();
    setAiEnv({ ANTHROPIC_API_KEY: "sk-ant-test-0123456789", ANTHROPIC_BASE_URL: anthropic.baseUrl });
    anthropic.script(
      { toolCalls: [{ id: "toolu_search_1", name: "search_knowledge", arguments: { query: "double room price" } }] },
      { text: "Bilik double berharga €95 semalam, termasuk sarapan [1]." },
    );
    const stored = await customerSays(businessId, "Berapa harga bilik double untuk satu malam?");
    let streamed = "";
    const meta = await answerCustomerMessage({
      businessId,
      messageId: stored.messageId,
      chain: only("anthropic:claude-haiku-4-5", "anthropic"),
      now: OPEN,
      sink: { text: (d) => (streamed += d) },
    });

    expect(streamed).toBe("Bilik double berharga €95 semalam, termasuk sarapan [1].");
    expect(meta).toMatchObject({ handedOff: false, status: "ai" });
    expect(meta.sources.map((s) => s.title)).toEqual(["Rooms and rates"]);
    // Its chips are in Malay too.
    expect(meta.quickReplies).toEqual(["Bercakap dengan kakitangan"]);

    expect(anthropic.requests).toHaveLength(2);
    const [first, second] = anthropic.requests;
    expect(first!.path).toBe("/v1/messages");
    const system = JSON.stringify(first!.body.system);
    expect(system).toContain("Casa Azul, a hotel or guest house");
    expect(system).toContain("The customer writes in Malay: reply in Malay");
    expect(system).toContain("If the passages do not answer the question, say so");
    expect(first!.body.tools?.map((t) => t.name)).toContain("search_knowledge");
    const result = second!.body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).find((p) => p.type === "tool_result");
    expect(result?.tool_use_id).toBe("toolu_search_1");
    expect(JSON.stringify(result?.content)).toContain("A double room is €95 a night, breakfast included.");
  });
});
