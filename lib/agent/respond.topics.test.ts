import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { answerCustomerMessage } from "./respond";
import { customerSays, offline, OPEN, rows, salonWithKnowledge, scripted, textParts, usage } from "./respond-test-support";

describe("hand-off by topic, and small talk", () => {
  async function withDocument(businessId: string, title: string, body: string) {
    await withServiceRole((tx) => insertKnowledgeDocument(tx, { businessId, document: typedDocument({ kind: "article", title, category: "policies", body }) }));
    await runKnowledgeJobs({ budgetMs: 30_000 });
  }
  const REFUNDS = "# Refunds\n\nIf you are not happy with a treatment, tell us within 7 days and we will redo it or refund it in full.";
  const toolCall = (toolName: string, input: Record<string, unknown>): LanguageModelV4StreamPart[] => [
    { type: "stream-start", warnings: [] },
    { type: "tool-call", toolCallId: "c1", toolName, input: JSON.stringify(input) },
    { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
  ];

  it("hands a disputed charge to a person with the billing reason, though the knowledge holds the refund policy, without a model call", async () => {
    const { businessId } = await salonWithKnowledge();
    await withDocument(businessId, "Refund policy", REFUNDS);
    // A model that would happily quote the policy: it must never be asked.
    const primary = scripted([textParts("Sure, we refund in full within 7 days [1].")]);
    const stored = await customerSays(businessId, "You charged my card twice for the colour, I want my money back");
    let streamed = "";
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [primary], now: OPEN, sink: { text: (d) => (streamed += d) } });

    expect(meta).toMatchObject({ handedOff: true, status: "needs_human", intent: "refund" });
    expect(streamed).toMatch(/team/i);
    expect(streamed).not.toContain("7 days");
    expect((primary.model as MockLanguageModelV4).doStreamCalls).toHaveLength(0);
    const [conversation] = await rows(sql`select handoff_reason from public.conversations where id = ${stored.conversationId}`);
    expect(conversation!.handoff_reason).toBe("billing");
    const notes = await rows(sql`select body from public.notifications where conversation_id = ${stored.conversationId}`);
    expect(String(notes[0]!.body)).toMatch(/a refund or a disputed charge/i);
  });

  it("answers a question about the refund policy from the policy, without a hand-off", async () => {
    const { businessId } = await salonWithKnowledge();
    await withDocument(businessId, "Refund policy", REFUNDS);
    const stored = await customerSays(businessId, "What's your refund policy?");
    let streamed = "";
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
    expect(meta).toMatchObject({ handedOff: false, status: "ai" });
    expect(streamed).toContain("7 days");
    expect(meta.sources.map((s) => s.title)).toContain("Refund policy");
  });

  it.each([
    ["medical", "I'm pregnant, is the scalp treatment safe for me?"],
    ["legal", "I'm going to report you to trading standards"],
    ["complaint", "My colour is patchy and your stylist was rude, I'm really not happy"],
  ])("hands a %s topic to a person with that reason, whatever a hosted model would have said", async (reason, text) => {
    const { businessId } = await salonWithKnowledge();
    const primary = scripted([textParts("No problem at all!")]);
    const stored = await customerSays(businessId, text);
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [primary], now: OPEN });
    expect(meta).toMatchObject({ handedOff: true, status: "needs_human" });
    expect((primary.model as MockLanguageModelV4).doStreamCalls).toHaveLength(0);
    const [conversation] = await rows(sql`select handoff_reason from public.conversations where id = ${stored.conversationId}`);
    expect(conversation!.handoff_reason).toBe(reason);
  });

  it("answers 'thanks, bye' with a short line and never hands it off, even under a strict threshold", async () => {
    const { businessId } = await salonWithKnowledge();
    // Stricter than a conversational reply's confidence: small talk still stays with the assistant.
    await withServiceRole((tx) => tx.execute(sql`update public.ai_settings set confidence_threshold = 0.95 where business_id = ${businessId}`));
    for (const text of ["thanks, bye", "ok cheers", "hello?", "terima kasih", "cảm ơn"]) {
      const stored = await customerSays(businessId, text, `visitor-${text}`);
      let streamed = "";
      const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
      expect(meta, text).toMatchObject({ handedOff: false, status: "ai" });
      expect(streamed.length, text).toBeGreaterThan(0);
      expect(streamed, text).not.toMatch(/team/i);
    }
  });

  it("keeps small talk with the assistant when a hosted model asks to hand it off", async () => {
    const { businessId } = await salonWithKnowledge();
    const primary = scripted([toolCall("escalate_to_human", { reason: "other", summary: "Customer said thanks" }), textParts("You're welcome, bye!")]);
    const stored = await customerSays(businessId, "thanks, bye");
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [primary], now: OPEN });
    expect(meta).toMatchObject({ handedOff: false, status: "ai" });
    const [conversation] = await rows(sql`select status, handoff_reason from public.conversations where id = ${stored.conversationId}`);
    expect(conversation).toMatchObject({ status: "ai", handoff_reason: null });
  });

  it("does not count a repeated goodbye as two unhelpful answers", async () => {
    const { businessId } = await salonWithKnowledge();
    const visitor = crypto.randomUUID();
    for (let i = 0; i < 3; i++) {
      const stored = await customerSays(businessId, "ok thanks bye", visitor);
      const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [offline], now: OPEN });
      expect(meta, `goodbye ${i + 1}`).toMatchObject({ handedOff: false, status: "ai" });
    }
  });

  it("answers the time of something else from the knowledge, not with the weekly opening hours", async () => {
    const { businessId } = await salonWithKnowledge();
    await withDocument(businessId, "Workshops", "# Colour workshop\n\nOur colour workshop starts at 18:30 on the first Thursday of each month.");
    const stored = await customerSays(businessId, "What time does the colour workshop start?");
    let streamed = "";
    const meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
    expect(meta).toMatchObject({ handedOff: false, intent: "question" });
    expect(streamed).toContain("18:30");
    expect(streamed).not.toContain("Our opening hours");

    // A hosted model that reaches for the hours tool anyway is told to search instead, and gets no hours to quote.
    const primary = scripted([toolCall("opening_hours", {}), textParts("I couldn't find that.")]);
    const again = await customerSays(businessId, "What time does the colour workshop start?", "visitor-2");
    await answerCustomerMessage({ businessId, messageId: again.messageId, chain: [primary], now: OPEN });
    const shown = JSON.stringify((primary.model as MockLanguageModelV4).doStreamCalls[1]!.prompt.filter((m) => m.role === "tool"));
    expect(shown).toContain("search the knowledge instead");
    expect(shown).not.toContain("Our opening hours");
  });
});
