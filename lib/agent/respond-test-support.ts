import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { sql } from "drizzle-orm";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { offlineChatModel } from "@/lib/ai/offline-chat-model";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { addMember, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";

/**
 * The agent's tests' world, shared by the files that test the pipeline (respond*.test.ts): a fresh database per test,
 * Ada's salon with its knowledge indexed, a customer's message stored as the widget stores it, and scripted models.
 */
export const test = freshDatabasePerTest();
// Tuesday 2026-11-24 10:00 in Lisbon: the salon is open.
export const OPEN = new Date("2026-11-24T10:00:00Z");
export const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));

export const offline: ResolvedChatModel = { id: "offline", provider: "offline", model: offlineChatModel() };

export async function salonWithKnowledge() {
  const ada = await createUser(test.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const carol = await createUser(test.database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" });
  await addMember(test.database, businessId, carol, "agent");
  await withServiceRole(async (tx) => {
    await tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`);
    await insertKnowledgeDocument(tx, {
      businessId,
      document: typedDocument({
        kind: "article",
        title: "Services and prices",
        category: "prices",
        body: "# Cuts\n\n- Women's cut and blow-dry: €48 (about 60 minutes)\n- Men's cut: €28\n\n# Colour\n\nFull colour from €65. Balayage from €120.",
      }),
    });
    await insertKnowledgeDocument(tx, {
      businessId,
      document: typedDocument({
        kind: "article",
        title: "Policies",
        category: "policies",
        body: "# Pets\n\nWell-behaved dogs are welcome in the salon.\n\n# Cancellations\n\nCancel up to 24 hours before for free; later cancellations are charged 50%.",
      }),
    });
  });
  await runKnowledgeJobs({ budgetMs: 30_000 });
  return { businessId, ada, carol };
}

export async function customerSays(businessId: string, text: string, visitor = "visitor-1") {
  return withServiceRole((tx) =>
    ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: visitor, externalMessageId: crypto.randomUUID(), text, afterHours: false }),
  );
}

export async function rows(query: ReturnType<typeof sql>) {
  return withServiceRole(async (tx) => rowsOf(await tx.execute(query)));
}

/** A scripted model: each call streams the next list of parts. */
export function scripted(calls: LanguageModelV4StreamPart[][], id = "mock-primary"): ResolvedChatModel {
  let call = 0;
  const model = new MockLanguageModelV4({
    modelId: id,
    doStream: async () => ({ stream: simulateReadableStream({ chunks: calls[Math.min(call++, calls.length - 1)]! }) }),
  });
  return { id: `openai:${id}`, provider: "openai", model };
}

export const usage = { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 20, text: 20, reasoning: 0 } };
export const textParts = (text: string): LanguageModelV4StreamPart[] => [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  ...text.split(/(?<= )/).map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
];

