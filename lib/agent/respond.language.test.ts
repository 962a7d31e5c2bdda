import { MockLanguageModelV4 } from "ai/test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { offlineChatModel } from "@/lib/ai/offline-chat-model";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { answerCustomerMessage } from "./respond";

/**
 * The pipeline with the offline model at a hotel whose knowledge is English: what it offers follows the vertical and
 * does what it says, and a customer writing in another language is answered in that language.
 */

const test = freshDatabasePerTest();
const OPEN = new Date("2026-11-24T10:00:00Z");
const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));
const offline: ResolvedChatModel = { id: "offline", provider: "offline", model: offlineChatModel() };

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
        body: "# Double room\n\nA double room is €95 a night, breakfast included.\n\n# Wifi\n\nWifi is free in every room; the password is on your key card.",
      }),
    });
  });
  await runKnowledgeJobs({ budgetMs: 30_000 });
  return businessId;
}

const customerSays = (businessId: string, text: string, visitor = "visitor-1") =>
  withServiceRole((tx) =>
    ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: visitor, externalMessageId: crypto.randomUUID(), text, afterHours: false }),
  );

const rows = async (query: ReturnType<typeof sql>) => withServiceRole(async (tx) => rowsOf(await tx.execute(query)));

describe("what the assistant offers follows the business's vertical", () => {
  it("offers a hotel's guest to ask the team about availability, never an appointment, and the chip hands the request over", async () => {
    const businessId = await guesthouse();
    const asked = await customerSays(businessId, "How much is a double room?");
    let streamed = "";
    const meta = await answerCustomerMessage({ businessId, messageId: asked.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
    expect(meta).toMatchObject({ handedOff: false, quickReplies: ["Ask the team to check availability", "Talk to a person"] });
    expect(streamed).toContain("€95");
    expect(streamed).not.toMatch(/appointment/i);

    // The chip's words come back as the next message: a person takes the request, with what was asked before it,
    // and no model is asked to pretend it can check a room.
    const model = new MockLanguageModelV4({ modelId: "must-not-be-called" });
    const chip = await customerSays(businessId, "Ask the team to check availability");
    let handoffText = "";
    const handed = await answerCustomerMessage({
      businessId,
      messageId: chip.messageId,
      chain: [{ id: "openai:must-not-be-called", provider: "openai", model }],
      now: OPEN,
      sink: { text: (d) => (handoffText += d) },
    });
    expect(handed).toMatchObject({ handedOff: true, status: "needs_human", quickReplies: [] });
    expect(handoffText).toBe("I've asked a member of our team to join — they'll reply here shortly.");
    expect(model.doStreamCalls).toHaveLength(0);
    const [conversation] = await rows(sql`select handoff_reason, handoff_context::text as handoff_summary from public.conversations where id = ${chip.conversationId}`);
    expect(conversation!.handoff_reason).toBe("customer_request");
    expect(String(conversation!.handoff_summary)).toContain("Would like the team to check availability");
    expect(String(conversation!.handoff_summary)).toContain("How much is a double room?");
  });
});

describe("the customer's language", () => {
  it("hands off when the 'Talk to a person' chip is sent in any language, and says so in that language", async () => {
    const businessId = await guesthouse();
    for (const [visitor, chip, line] of [
      ["visitor-de", "Mit einer Person sprechen", "Ich habe jemanden aus unserem Team dazugeholt – Sie bekommen hier gleich eine Antwort."],
      ["visitor-vi", "Nói chuyện với nhân viên", "Tôi đã nhờ một nhân viên của chúng tôi tham gia — họ sẽ trả lời bạn tại đây trong giây lát."],
      ["visitor-ms", "Bercakap dengan kakitangan", "Saya telah meminta seorang kakitangan kami menyertai perbualan ini — mereka akan membalas di sini sebentar lagi."],
    ] as const) {
      const asked = await customerSays(businessId, chip, visitor);
      let streamed = "";
      const meta = await answerCustomerMessage({ businessId, messageId: asked.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
      expect([chip, meta.handedOff, meta.intent, streamed]).toEqual([chip, true, "human_request", line]);
    }
  });

  it("hands a Spanish question on English knowledge to the team, saying so in Spanish", async () => {
    const businessId = await guesthouse();
    const asked = await customerSays(businessId, "¿El wifi es gratis?");
    let streamed = "";
    const meta = await answerCustomerMessage({ businessId, messageId: asked.messageId, chain: [offline], now: OPEN, sink: { text: (d) => (streamed += d) } });
    expect(meta).toMatchObject({ handedOff: true, status: "needs_human", quickReplies: [] });
    expect(streamed).toBe("He pedido a alguien de nuestro equipo que se una a la conversación; te responderá aquí en breve.");
    const [conversation] = await rows(sql`select handoff_reason, handoff_context::text as handoff_summary from public.conversations where id = ${asked.conversationId}`);
    expect(conversation!.handoff_reason).toBe("no_answer");
    expect(String(conversation!.handoff_summary)).toContain("Asked in Spanish");
  });

  it("offers its quick replies in the customer's language", async () => {
    const businessId = await guesthouse();
    await withServiceRole(async (tx) => {
      await insertKnowledgeDocument(tx, {
        businessId,
        document: typedDocument({ kind: "article", title: "Habitaciones", category: "rooms", body: "# Precios\n\nLa habitación doble cuesta 95 € por noche, con el desayuno incluido." }),
      });
    });
    await runKnowledgeJobs({ budgetMs: 30_000 });
    const asked = await customerSays(businessId, "¿Cuánto cuesta la habitación doble?");
    const meta = await answerCustomerMessage({ businessId, messageId: asked.messageId, chain: [offline], now: OPEN });
    expect(meta).toMatchObject({ handedOff: false, quickReplies: ["Pedir al equipo que consulte la disponibilidad", "Hablar con una persona"] });
    expect(meta.sources.map((s) => s.title)).toEqual(["Habitaciones"]);
  });
});
