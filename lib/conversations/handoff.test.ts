import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withServiceRole } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { addMember, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { conversationStatus, handOffConversation } from "./handoff";
import { ingestCustomerMessage } from "./ingest";

const t = freshDatabasePerTest();
// Tuesday 2026-11-24 in Lisbon (UTC+0 in winter): the salon opens 09:00–18:00 on weekdays.
const WEEKDAYS_9_TO_6 = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ open: "09:00", close: "18:00" }]]));
const OPEN = new Date("2026-11-24T10:00:00Z");
const CLOSED = new Date("2026-11-24T21:00:00Z");

async function rows(query: ReturnType<typeof sql>) {
  return withServiceRole(async (tx) => rowsOf(await tx.execute(query)));
}

async function salonWithACustomer() {
  const ada = await createUser(t.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const carol = await createUser(t.database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon", timeZone: "Europe/Lisbon" });
  await addMember(t.database, businessId, carol, "agent");
  await withServiceRole((tx) => tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(WEEKDAYS_9_TO_6)}::jsonb where id = ${businessId}`));
  const stored = await withServiceRole((tx) =>
    ingestCustomerMessage(tx, {
      businessId,
      channel: "widget",
      contactExternalId: "visitor-1",
      externalMessageId: crypto.randomUUID(),
      contactName: "Grace Hopper",
      text: "My colour went wrong, I want a refund",
      afterHours: false,
    }),
  );
  return { businessId, ada, carol, ...stored };
}

const handOff = (businessId: string, conversationId: string, now = OPEN) =>
  withServiceRole((tx) => handOffConversation(tx, { businessId, conversationId, reason: "complaint", summary: "Asked for a refund", now }));
const conversationRow = async (id: string) =>
  (await rows(sql`select status, handoff_reason, handed_off_at, after_hours, handoff_context, first_opened_at, sla_stage from public.conversations where id = ${id}`))[0]!;
const notificationsFor = (conversationId: string) =>
  rows(sql`select user_id, type, title, body from public.notifications where conversation_id = ${conversationId} order by user_id`);

describe("handOffConversation", () => {
  it("moves an AI conversation to 'needs a person' with its context package, restarts the SLA clock and tells each member once", async () => {
    const { businessId, conversationId, ada, carol } = await salonWithACustomer();
    // A conversation a person had opened before the AI took it back: its SLA marks start again at this handoff.
    await withServiceRole((tx) => tx.execute(sql`update public.conversations set first_opened_at = now(), sla_stage = 2 where id = ${conversationId}`));

    expect(await handOff(businessId, conversationId)).toBe(true);
    const row = await conversationRow(conversationId);
    expect(row).toMatchObject({ status: "needs_human", handoff_reason: "complaint", after_hours: false, first_opened_at: null, sla_stage: 0 });
    expect(new Date(String(row.handed_off_at)).toISOString()).toBe(OPEN.toISOString());
    expect(row.handoff_context).toMatchObject({
      reason: "complaint",
      summary: "Asked for a refund",
      lastMessages: [expect.objectContaining({ role: "customer", content: "My colour went wrong, I want a refund" })],
    });
    const notes = await notificationsFor(conversationId);
    expect(notes.map((n) => n.user_id).sort()).toEqual([ada, carol].sort());
    expect(notes[0]).toMatchObject({ type: "handoff", title: "Grace Hopper needs a person", body: "A complaint: Asked for a refund" });

    // A second trigger in the same conversation changes nothing and pages nobody twice.
    expect(await handOff(businessId, conversationId, new Date(OPEN.getTime() + 60_000))).toBe(false);
    expect(new Date(String((await conversationRow(conversationId)).handed_off_at)).toISOString()).toBe(OPEN.toISOString());
    expect(await notificationsFor(conversationId)).toHaveLength(2);
  });

  it("marks a handoff made while the business is closed as after hours", async () => {
    const { businessId, conversationId } = await salonWithACustomer();
    expect(await handOff(businessId, conversationId, CLOSED)).toBe(true);
    expect(await conversationRow(conversationId)).toMatchObject({ status: "needs_human", after_hours: true });
  });

  it("leaves a conversation a person owns alone", async () => {
    const { businessId, conversationId } = await salonWithACustomer();
    await withServiceRole((tx) => tx.execute(sql`update public.conversations set status = 'human' where id = ${conversationId}`));
    expect(await handOff(businessId, conversationId)).toBe(false);
    expect(await conversationRow(conversationId)).toMatchObject({ status: "human", handoff_reason: null, handoff_context: null });
    expect(await notificationsFor(conversationId)).toEqual([]);
  });

  it("does nothing to another business's conversation, even with its id", async () => {
    const { conversationId } = await salonWithACustomer();
    const bob = await createUser(t.database, { email: "bob@bikes.test", fullName: "Bob" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
    expect(await handOff(bikes, conversationId)).toBe(false);
    expect((await conversationRow(conversationId)).status).toBe("ai");
    expect(await notificationsFor(conversationId)).toEqual([]);
  });
});

describe("conversationStatus", () => {
  it("reads the status within the business, and null for a conversation that is not there", async () => {
    const { businessId, conversationId } = await salonWithACustomer();
    expect(await withServiceRole((tx) => conversationStatus(tx, { businessId, conversationId }))).toBe("ai");
    await handOff(businessId, conversationId);
    expect(await withServiceRole((tx) => conversationStatus(tx, { businessId, conversationId }))).toBe("needs_human");
    expect(await withServiceRole((tx) => conversationStatus(tx, { businessId, conversationId: crypto.randomUUID() }))).toBeNull();
    expect(await withServiceRole((tx) => conversationStatus(tx, { businessId: crypto.randomUUID(), conversationId }))).toBeNull();
  });
});
