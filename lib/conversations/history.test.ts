import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { listCustomerMessages } from "./history";

const t = freshDatabasePerTest();
const START = Date.parse("2026-11-24T10:00:00Z");

type Role = "customer" | "ai" | "agent" | "system" | "note";

async function salonConversation(owner = "ada@salon.test") {
  const ada = await createUser(t.database, { email: owner, fullName: "Ada" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon" });
  const contactId = crypto.randomUUID();
  const conversationId = crypto.randomUUID();
  await withServiceRole(async (tx) => {
    await tx.execute(sql`insert into public.contacts (id, business_id, name) values (${contactId}, ${businessId}, 'Grace')`);
    await tx.execute(sql`insert into public.conversations (id, business_id, contact_id, channel, status) values (${conversationId}, ${businessId}, ${contactId}, 'widget', 'ai')`);
  });
  /** A message `second` seconds after the start (an explicit id and time, so the order is the test's own). */
  const add = async (second: number, role: Role, content: string, extra: { id?: string; sources?: unknown[]; quickReplies?: string[] } = {}) => {
    const id = extra.id ?? crypto.randomUUID();
    await withServiceRole((tx) =>
      tx.execute(sql`insert into public.messages (id, business_id, conversation_id, channel, role, content, sources, quick_replies, created_at)
        values (${id}, ${businessId}, ${conversationId}, 'widget', ${role}, ${content}, ${JSON.stringify(extra.sources ?? [])}::jsonb,
          ${JSON.stringify(extra.quickReplies ?? [])}::jsonb, ${new Date(START + second * 1000).toISOString()}::timestamptz)`),
    );
    return id;
  };
  const list = (options: { afterId?: string; limit?: number; businessId?: string; conversationId?: string } = {}) =>
    withServiceRole((tx) => listCustomerMessages(tx, { businessId, conversationId, ...options }));
  return { businessId, conversationId, add, list };
}

describe("listCustomerMessages", () => {
  it("is the conversation as the customer sees it: oldest first, no internal notes, sources without chunk ids", async () => {
    const c = await salonConversation();
    const question = await c.add(1, "customer", "How much is a cut?");
    await c.add(2, "note", "Regular, give her the loyalty price");
    const source = { n: 1, title: "Prices", documentId: crypto.randomUUID(), chunkId: crypto.randomUUID() };
    const answer = await c.add(3, "ai", "A cut is €48 [1].", { sources: [source], quickReplies: ["Book a cut"] });
    const staff = await c.add(4, "agent", "Hi, Carol here");
    const system = await c.add(5, "system", "Carol joined the conversation");

    const seen = await c.list();
    expect(seen.map((m) => [m.id, m.role])).toEqual([
      [question, "customer"],
      [answer, "ai"],
      [staff, "agent"],
      [system, "system"],
    ]);
    expect(seen[1]).toEqual({
      id: answer,
      role: "ai",
      content: "A cut is €48 [1].",
      createdAt: new Date(START + 3000).toISOString(),
      sources: [{ n: 1, title: "Prices", documentId: source.documentId }],
      quickReplies: ["Book a cut"],
    });
    expect(JSON.stringify(seen)).not.toContain("loyalty");
    expect(JSON.stringify(seen)).not.toContain(source.chunkId);
  });

  it("after an id, gives only what came later, and breaks a tie in time by id", async () => {
    const c = await salonConversation();
    const first = await c.add(1, "customer", "first");
    // Two messages in the same instant: the one with the greater id counts as later.
    const low = await c.add(2, "ai", "same time, lower id", { id: "00000000-0000-4000-8000-000000000001" });
    const high = await c.add(2, "agent", "same time, higher id", { id: "ffffffff-ffff-4fff-bfff-ffffffffffff" });
    const last = await c.add(3, "customer", "last");

    expect((await c.list({ afterId: first })).map((m) => m.id)).toEqual([low, high, last]);
    expect((await c.list({ afterId: low })).map((m) => m.id)).toEqual([high, last]);
    expect((await c.list({ afterId: high })).map((m) => m.id)).toEqual([last]);
    expect(await c.list({ afterId: last })).toEqual([]);
  });

  it("reads an id it does not know here (unknown, a note's, another conversation's) as 'from the start'", async () => {
    const c = await salonConversation();
    const note = await c.add(1, "note", "internal");
    const first = await c.add(2, "customer", "Hello");
    const other = await salonConversation("grace@another-salon.test");
    const elsewhere = await other.add(1, "customer", "Someone else's message");

    for (const afterId of [crypto.randomUUID(), note, elsewhere]) {
      expect((await c.list({ afterId })).map((m) => m.id)).toEqual([first]);
    }
  });

  it("keeps the latest `limit` messages, still oldest first", async () => {
    const c = await salonConversation();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await c.add(i, i % 2 ? "ai" : "customer", `message ${i}`));
    expect((await c.list({ limit: 2 })).map((m) => m.id)).toEqual(ids.slice(-2));
    expect((await c.list({ limit: 2, afterId: ids[0] })).map((m) => m.id)).toEqual(ids.slice(-2));
    expect((await c.list()).map((m) => m.id)).toEqual(ids);
  });

  it("shows nothing of a conversation to another business, even with its id", async () => {
    const c = await salonConversation();
    await c.add(1, "customer", "Private question");
    const bob = await createUser(t.database, { email: "bob@bikes.test", fullName: "Bob" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
    expect(await c.list({ businessId: bikes })).toEqual([]);
  });
});
