import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { messages } from "@/lib/db/schema";
import { createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { closeRealtimeBus, subscribeToChanges } from "./bus";
import type { RealtimeEvent } from "./events";
import { addMessage, addNotification, createWidgetConversation, waitFor } from "./testing";

/**
 * The synchronisation point for "not delivered yet": embedded, the bus listens on PGlite's one backend, and PGlite
 * hands every notification in a statement's response to its listeners (queued as microtasks) before that statement's
 * promise settles. So after a statement on that backend and one event-loop turn, everything the backend has
 * announced so far has reached the listeners: no sleep, no guessing how long delivery takes.
 */
const throughTheBackend = async (query: () => Promise<unknown>) => {
  await query();
  await new Promise<void>((resolve) => setImmediate(resolve));
};

describe("the realtime bus (embedded: PGlite's LISTEN)", () => {
  const t = useTestDatabase();
  afterEach(() => closeRealtimeBus());

  async function salon() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const businessId = await createBusinessAs(ada, { name: "Ada's Salon" });
    const { conversationId } = await createWidgetConversation(businessId);
    return { businessId, conversationId };
  }

  const messagesCreated = (events: RealtimeEvent[]) => events.filter((e) => e.type === "message.created").map((e) => e.id);

  it("delivers a change when its transaction commits, and never one rolled back", async () => {
    const { businessId, conversationId } = await salon();
    const events: RealtimeEvent[] = [];
    await subscribeToChanges((event) => events.push(event));

    const committed = randomUUID();
    await withServiceRole(async (tx) => {
      await tx.insert(messages).values({ id: committed, businessId, conversationId, channel: "widget", role: "customer", content: "Hi" });
      await throughTheBackend(() => tx.execute(sql`select 1`));
      expect(messagesCreated(events)).toEqual([]);
    });
    // The same synchronisation point after the commit finds it delivered: the check above could have seen it.
    await throughTheBackend(() => t.database.runner.query("select 1"));
    expect(messagesCreated(events)).toEqual([committed]);
    expect(events.find((e) => e.id === committed)).toEqual({ type: "message.created", businessId, conversationId, id: committed, role: "customer" });

    const rolledBack = randomUUID();
    await expect(
      withServiceRole(async (tx) => {
        await tx.insert(messages).values({ id: rolledBack, businessId, conversationId, channel: "widget", role: "customer", content: "Oops" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const after = await addMessage(businessId, conversationId, { role: "agent" });
    await waitFor(() => messagesCreated(events).includes(after), { what: "the message after the rollback" });
    expect(messagesCreated(events)).toEqual([committed, after]);
  });

  it("fans one notification out to every listener, past one that throws, and stops at unsubscribe", async () => {
    const { businessId, conversationId } = await salon();
    const first: string[] = [];
    const second: string[] = [];
    await subscribeToChanges(() => {
      throw new Error("a broken stream");
    });
    const stopFirst = await subscribeToChanges((event) => first.push(event.id));
    await subscribeToChanges((event) => second.push(event.id));

    const one = await addMessage(businessId, conversationId, { role: "customer" });
    await waitFor(() => first.includes(one) && second.includes(one), { what: "both listeners" });
    stopFirst();
    const two = await addMessage(businessId, conversationId, { role: "customer" });
    await waitFor(() => second.includes(two), { what: "the remaining listener" });
    expect(first).not.toContain(two);
  });

  it("ignores anything on the channel that is not an event", async () => {
    const { businessId, conversationId } = await salon();
    const events: RealtimeEvent[] = [];
    await subscribeToChanges((event) => events.push(event));
    await withServiceRole((tx) => tx.execute(sql`select pg_notify('frontdesk_events', 'not json'), pg_notify('frontdesk_events', '{"type":"message.created"}')`));
    const real = await addMessage(businessId, conversationId, { role: "customer" });
    await waitFor(() => events.length > 0, { what: "the real event" });
    expect(events.map((e) => e.id)).toEqual([real]);
  });

  it("announces conversation and notification changes with what the trigger knows", async () => {
    const { businessId, conversationId } = await salon();
    const events: RealtimeEvent[] = [];
    await subscribeToChanges((event) => events.push(event));
    await withServiceRole((tx) => tx.execute(sql`update conversations set status = 'needs_human' where id = ${conversationId}`));
    await waitFor(() => events.some((e) => e.type === "conversation.updated"), { what: "the status change" });
    expect(events).toContainEqual({ type: "conversation.updated", businessId, conversationId, id: conversationId, status: "needs_human" });
    const [owner] = await t.database.runner.query<{ user_id: string }>("select user_id from memberships where business_id = $1", [businessId]);
    const notification = await addNotification(businessId, owner!.user_id, conversationId);
    await waitFor(() => events.some((e) => e.id === notification), { what: "the notification" });
    expect(events).toContainEqual({ type: "notification.created", businessId, conversationId, id: notification, userId: owner!.user_id });
  });
});
