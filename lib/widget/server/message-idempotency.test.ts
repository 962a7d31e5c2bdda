import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { POST as sendMessage } from "@/app/api/widget/messages/route";
import { createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { resetWidgetLimitsForTests } from "./rate-limits";
import { requireVisitor, storeVisitorMessage } from "./visitor";
import { issueVisitorToken } from "./visitor-token";

/**
 * Issue 19, finding 3: a message id is the sender's own. A visitor who replays another visitor's client message id is
 * refused with a 409 that writes nothing and streams nothing, and never gets that visitor's conversation answered.
 */
describe("POST /api/widget/messages: idempotency scoped to the sender", () => {
  const t = useTestDatabase();
  afterEach(() => resetWidgetLimitsForTests());

  const BASE = "http://localhost:3000";
  const post = (token: string, body: unknown) =>
    sendMessage(
      new Request(`${BASE}/api/widget/messages`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: BASE, "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  const query = <T>(text: string, params: unknown[] = []) => t.database.runner.query<T>(text, params);

  async function salonWithTwoVisitors() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const [row] = await query<{ widget_key: string }>("select widget_key from businesses where id = $1", [salon]);
    const widgetKey = row!.widget_key;
    const first = await issueVisitorToken({ businessId: salon, widgetKey });
    const second = await issueVisitorToken({ businessId: salon, widgetKey });
    return { salon, first, second };
  }

  const snapshot = async (salon: string) => ({
    contacts: await query<{ id: string; last_seen_at: Date | null; updated_at: Date }>(
      "select id, last_seen_at, updated_at from contacts where business_id = $1 order by id",
      [salon],
    ),
    identities: await query<{ external_id: string }>("select external_id from contact_identities where business_id = $1 order by external_id", [salon]),
    conversations: await query<{ id: string; status: string; last_message_at: Date; updated_at: Date }>(
      "select id, status, last_message_at, updated_at from conversations where business_id = $1 order by id",
      [salon],
    ),
    messages: await query<{ id: string; role: string; content: string; answer_state: string | null }>(
      "select id, role, content, answer_state from messages where business_id = $1 order by created_at, id",
      [salon],
    ),
  });

  it("refuses another visitor's message id with 409 message_id_taken, writes nothing, answers nothing", async () => {
    const { salon, first, second } = await salonWithTwoVisitors();
    const clientMessageId = randomUUID();
    // Visitor 1's message is stored and still waits for its answer (the model failed, the sweeper has not run yet).
    const visitor1 = await requireVisitor(new Request(BASE, { headers: { authorization: `Bearer ${first.token}` } }));
    await storeVisitorMessage(visitor1, { text: "My booking code is 4411, can I move it to Friday?", clientMessageId });
    const before = await snapshot(salon);
    expect(before.messages).toEqual([expect.objectContaining({ role: "customer", answer_state: "pending" })]);

    const replay = await post(second.token, { text: "anything", clientMessageId });
    expect(replay.status).toBe(409);
    expect(replay.headers.get("content-type")).toContain("application/json");
    expect(await replay.json()).toMatchObject({ error: { code: "message_id_taken" } });

    // Nothing new for visitor 2 (no contact, identity or conversation), and visitor 1's conversation is as it was:
    // no answer written, nothing reopened or touched.
    expect(await snapshot(salon)).toEqual(before);
    expect((await snapshot(salon)).identities.map((i) => i.external_id)).toEqual([first.visitorId]);
  });

  it("refuses it too when the other visitor already has a conversation of their own, and leaves theirs alone", async () => {
    const { salon, first, second } = await salonWithTwoVisitors();
    const visitor1 = await requireVisitor(new Request(BASE, { headers: { authorization: `Bearer ${first.token}` } }));
    const visitor2 = await requireVisitor(new Request(BASE, { headers: { authorization: `Bearer ${second.token}` } }));
    const taken = randomUUID();
    await storeVisitorMessage(visitor1, { text: "Visitor 1's question", clientMessageId: taken });
    await storeVisitorMessage(visitor2, { text: "Visitor 2's own question", clientMessageId: randomUUID() });
    const before = await snapshot(salon);

    const replay = await post(second.token, { text: "anything", clientMessageId: taken });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: "message_id_taken" } });
    expect(await snapshot(salon)).toEqual(before);
  });

  it("still replays the same visitor's retry once: stored once, answered once", async () => {
    const { salon, first } = await salonWithTwoVisitors();
    const clientMessageId = randomUUID();
    const visitor1 = await requireVisitor(new Request(BASE, { headers: { authorization: `Bearer ${first.token}` } }));
    await storeVisitorMessage(visitor1, { text: "Hello!", clientMessageId });

    // The retry of a message whose answer is still pending gets that answer streamed, and stores nothing new.
    const retry = await post(first.token, { text: "Hello!", clientMessageId });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("content-type")).toContain("text/event-stream");
    const body = await retry.text();
    expect(body).toContain('"type":"data-reply"');

    const again = await post(first.token, { text: "Hello!", clientMessageId });
    expect(again.status).toBe(200);
    await again.text();
    const messages = (await snapshot(salon)).messages;
    expect(messages.filter((m) => m.role === "customer")).toHaveLength(1);
    expect(messages.filter((m) => m.role === "ai")).toHaveLength(1);
    expect(messages.find((m) => m.role === "customer")?.answer_state).toBe("answered");
  });
});
