import { MockLanguageModelV4 } from "ai/test";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { offlineChatModel } from "@/lib/ai/offline-chat-model";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { addMember, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { answerCustomerMessage } from "./respond";
import { MAX_ANSWER_ATTEMPTS, STALE_AFTER_MS, sweepUnansweredMessages } from "./sweeper";

// The sweeper answers with the business's own model chain (Settings → AI); here that chain is whatever the test says:
// a provider that is down, then one that works.
const models = vi.hoisted(() => ({ chain: [] as ResolvedChatModel[] }));
vi.mock("@/lib/ai/models", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/ai/models")>()),
  chatModelChain: () => models.chain,
}));

const test = freshDatabasePerTest();
const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));

const down = () => {
  const model = new MockLanguageModelV4({
    modelId: "down",
    doStream: async () => {
      throw new Error("upstream 503");
    },
  });
  return { resolved: { id: "openai:down", provider: "openai", model } satisfies ResolvedChatModel, model };
};
const working: ResolvedChatModel = { id: "offline", provider: "offline", model: offlineChatModel() };

/** The sweeper judges staleness by the row's updated_at (the database's clock): a moment past the stale mark. */
const sweepLater = () => sweepUnansweredMessages({ now: new Date(Date.now() + STALE_AFTER_MS + 60_000) });

async function rows(query: ReturnType<typeof sql>) {
  return withServiceRole(async (tx) => rowsOf(await tx.execute(query)));
}

async function salonWithAWaitingCustomer(text = "Hello, can I bring my dog?") {
  const ada = await createUser(test.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const carol = await createUser(test.database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon" });
  await addMember(test.database, businessId, carol, "agent");
  await withServiceRole((tx) => tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`));
  const stored = await withServiceRole((tx) =>
    ingestCustomerMessage(tx, {
      businessId,
      channel: "widget",
      contactExternalId: "visitor-1",
      externalMessageId: crypto.randomUUID(),
      text,
      afterHours: false,
    }),
  );
  return { businessId, ...stored };
}

const questionState = async (messageId: string) =>
  (await rows(sql`select answer_state, answer_attempts from public.messages where id = ${messageId}`))[0]!;
const conversationOf = async (conversationId: string) =>
  (await rows(sql`select status, handoff_reason, handoff_context is not null as has_context from public.conversations where id = ${conversationId}`))[0]!;
const repliesIn = (conversationId: string) => rows(sql`select content from public.messages where conversation_id = ${conversationId} and role = 'ai'`);

describe("the sweeper and failed turns", () => {
  beforeEach(() => {
    models.chain = [];
  });

  it("retries a turn whose model failed, not before it is stale, and answers it once the model is back", async () => {
    // A greeting: the offline model answers it confidently, with no knowledge base to search.
    const { businessId, messageId, conversationId } = await salonWithAWaitingCustomer("Hello!");
    const provider = down();
    models.chain = [provider.resolved];
    // The live request fails: the customer's message stays, marked failed, after one attempt.
    await expect(answerCustomerMessage({ businessId, messageId })).rejects.toThrow("every model failed");
    expect(await questionState(messageId)).toMatchObject({ answer_state: "failed", answer_attempts: 1 });

    // Not retried at once (a live request may still be answering it)...
    expect(await sweepUnansweredMessages()).toEqual([]);
    // ...but once stale, and while the provider is still down, it is tried again and counted.
    expect(await sweepLater()).toEqual([{ messageId, outcome: "failed" }]);
    expect(await questionState(messageId)).toMatchObject({ answer_state: "failed", answer_attempts: 2 });
    expect(provider.model.doStreamCalls).toHaveLength(2);

    models.chain = [working];
    expect(await sweepLater()).toEqual([{ messageId, outcome: "answered" }]);
    expect(await questionState(messageId)).toMatchObject({ answer_state: "answered", answer_attempts: 3 });
    expect(await repliesIn(conversationId)).toHaveLength(1);
    expect((await conversationOf(conversationId)).status).toBe("ai");
    expect(await sweepLater()).toEqual([]);
  });

  it(`hands the conversation to a person after ${MAX_ANSWER_ATTEMPTS} failed attempts, instead of leaving the message unanswered`, async () => {
    const { businessId, messageId, conversationId } = await salonWithAWaitingCustomer();
    const provider = down();
    models.chain = [provider.resolved];
    await expect(answerCustomerMessage({ businessId, messageId })).rejects.toThrow("every model failed");
    const outcomes = [];
    for (let sweep = 1; sweep < MAX_ANSWER_ATTEMPTS; sweep++) outcomes.push(...(await sweepLater()));
    expect(provider.model.doStreamCalls).toHaveLength(MAX_ANSWER_ATTEMPTS);
    // The last attempt failed: the same sweep passes the conversation to the team.
    expect(outcomes.map((o) => o.outcome)).toEqual([...Array<string>(MAX_ANSWER_ATTEMPTS - 2).fill("failed"), "failed", "handed_off"]);

    expect(await questionState(messageId)).toMatchObject({ answer_state: "handed_off", answer_attempts: MAX_ANSWER_ATTEMPTS });
    expect(await conversationOf(conversationId)).toEqual({ status: "needs_human", handoff_reason: "answer_failed", has_context: true });
    // Every member is told (the toast, push and email follow from these rows), with the question in the note.
    const notes = await rows(sql`select type, body from public.notifications where conversation_id = ${conversationId}`);
    expect(notes).toHaveLength(2);
    expect(notes.every((n) => n.type === "handoff" && String(n.body).includes("can I bring my dog?"))).toBe(true);

    // It is not tried again, even when the model is back: a person answers it now.
    models.chain = [working];
    expect(await sweepLater()).toEqual([]);
    expect(await repliesIn(conversationId)).toEqual([]);
  });

  it("hands off a message that reached the cap on another path (the live request made the last attempt), once", async () => {
    const { messageId, conversationId } = await salonWithAWaitingCustomer();
    await withServiceRole((tx) =>
      tx.execute(sql`update public.messages set answer_state = 'failed', answer_attempts = ${MAX_ANSWER_ATTEMPTS} where id = ${messageId}`),
    );
    models.chain = [working];
    expect(await sweepLater()).toEqual([{ messageId, outcome: "handed_off" }]);
    expect((await conversationOf(conversationId)).status).toBe("needs_human");
    expect(await repliesIn(conversationId)).toEqual([]);
    expect(await sweepLater()).toEqual([]);
    expect(await rows(sql`select id from public.notifications where conversation_id = ${conversationId}`)).toHaveLength(2);
  });

  it("leaves a conversation a person already took with them, and pages nobody, when its message reaches the cap", async () => {
    const { messageId, conversationId } = await salonWithAWaitingCustomer();
    await withServiceRole(async (tx) => {
      await tx.execute(sql`update public.conversations set status = 'human' where id = ${conversationId}`);
      await tx.execute(sql`update public.messages set answer_state = 'failed', answer_attempts = ${MAX_ANSWER_ATTEMPTS} where id = ${messageId}`);
    });
    expect(await sweepLater()).toEqual([{ messageId, outcome: "handed_off" }]);
    expect(await conversationOf(conversationId)).toMatchObject({ status: "human", handoff_reason: null });
    expect(await rows(sql`select id from public.notifications where conversation_id = ${conversationId}`)).toEqual([]);
    expect(await questionState(messageId)).toMatchObject({ answer_state: "handed_off" });
  });
});
