import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/widget/events/route";
import { createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { addMessage, createWidgetConversation, eventually, readEvents, setConversationStatus } from "@/lib/realtime/testing";
import type { Visitor } from "./visitor";
import { isVisitorOnline, VISITOR_ONLINE_WINDOW_MS } from "./presence";
import { issueVisitorToken } from "./visitor-token";
import { visitorEventStream } from "./visitor-stream";

describe("isVisitorOnline", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it("is true within 45 s of the last sign of life, false after or without one", () => {
    expect(VISITOR_ONLINE_WINDOW_MS).toBe(45_000);
    expect(isVisitorOnline(new Date("2026-12-01T09:59:40Z"), now)).toBe(true);
    expect(isVisitorOnline(new Date("2026-12-01T09:59:15Z"), now)).toBe(true);
    expect(isVisitorOnline(new Date("2026-12-01T09:59:14Z"), now)).toBe(false);
    expect(isVisitorOnline(null, now)).toBe(false);
    expect(isVisitorOnline(new Date(Date.now() - 5_000))).toBe(true);
  });
});

describe("the visitor event stream", () => {
  const t = useTestDatabase();
  const aborts: AbortController[] = [];
  afterEach(async () => {
    for (const controller of aborts.splice(0)) controller.abort();
    await closeRealtimeBus();
  });

  async function widgetKeyOf(businessId: string) {
    const [row] = await t.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [businessId]);
    return row!.widget_key;
  }

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
    return { ada, bob, salon, bikes };
  }

  async function tokenFor(businessId: string, visitorId?: string) {
    return (await issueVisitorToken({ businessId, widgetKey: await widgetKeyOf(businessId), visitorId })).token;
  }

  function open(token: string | null, headers: Record<string, string> = {}) {
    const controller = new AbortController();
    aborts.push(controller);
    const request = new Request("http://localhost:3000/api/widget/events", {
      signal: controller.signal,
      headers: { host: "localhost:3000", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    return GET(request, { params: Promise.resolve({}) });
  }

  const lastSeen = async (contactId: string) =>
    (await t.database.runner.query<{ last_seen_at: Date | null }>("select last_seen_at from contacts where id = $1", [contactId]))[0]!.last_seen_at;

  it("needs a valid visitor token from the chat frame", async () => {
    const { salon } = await world();
    expect((await open(null)).status).toBe(401);
    const forged = await open("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect((await open(await tokenFor(salon), { origin: "https://evil.example" })).status).toBe(403);
  });

  it("streams the visitor's own conversation only: new visible messages, status changes, never notes", async () => {
    const { ada, salon, bikes } = await world();
    const mine = await createWidgetConversation(salon);
    await addMessage(salon, mine.conversationId, { role: "customer", content: "Before the stream" });
    const neighbour = await createWidgetConversation(salon);
    // Bob's business has a visitor with the very same visitor id: a token of Ada's business must still not reach it.
    const elsewhere = await createWidgetConversation(bikes, { visitorId: mine.visitorId });

    const response = await open(await tokenFor(salon, mine.visitorId));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-store, no-transform");
    const stream = readEvents(response);
    expect(await stream.next("ready")).toEqual([{ status: "ai" }]);
    expect(await lastSeen(mine.contactId)).not.toBeNull();

    await addMessage(salon, neighbour.conversationId, { role: "agent", content: "For the neighbour" });
    await setConversationStatus(salon, neighbour.conversationId, "human");
    await addMessage(bikes, elsewhere.conversationId, { role: "agent", content: "From Bob's Bikes" });
    await setConversationStatus(bikes, elsewhere.conversationId, "human");
    await addMessage(salon, mine.conversationId, { role: "note", content: "Internal: VIP customer", authorId: ada });
    await setConversationStatus(salon, mine.conversationId, "human");
    const reply = await addMessage(salon, mine.conversationId, { role: "agent", content: "Hi, Ada here", authorId: ada });

    const [message] = await stream.next("message");
    expect(message).toMatchObject({ id: reply, role: "agent", content: "Hi, Ada here", sources: [], quickReplies: [] });
    expect(stream.received.find((e) => e.event === "message")?.id).toBe(reply);
    expect(await stream.next("status")).toEqual([{ status: "human" }]);
    const contents = stream.received.filter((e) => e.event === "message").map((e) => (e.data as { content: string }).content);
    expect(contents).toEqual(["Hi, Ada here"]);

    // The staff reply handed to the open chat has reached the visitor.
    const deliveryOf = async () =>
      (await t.database.runner.query<{ delivery_status: string }>("select delivery_status from messages where id = $1", [reply]))[0]!.delivery_status;
    expect(await eventually(deliveryOf, (s) => s === "delivered", { what: "the reply to be marked delivered" })).toBe("delivered");
    await stream.cancel();
  });

  it("follows a conversation the visitor starts after connecting, and keeps last_seen_at fresh", async () => {
    const { salon } = await world();
    // The stream rechecks the token's key against the business's on its presence ticks: it is the real one.
    const visitor = { business: { id: salon, widgetKey: await widgetKeyOf(salon) }, visitorId: "visitor-without-conversation" } as unknown as Visitor;
    const controller = new AbortController();
    aborts.push(controller);
    const stream = readEvents(visitorEventStream(new Request("http://localhost/", { signal: controller.signal }), visitor, { presenceMs: 30 }));
    expect(await stream.next("ready")).toEqual([{ status: null }]);

    const started = await createWidgetConversation(salon, { visitorId: visitor.visitorId, status: "needs_human" });
    expect(await stream.next("status")).toEqual([{ status: "needs_human" }]);
    const first = await addMessage(salon, started.conversationId, { role: "customer", content: "I'd like to talk to a person." });
    const system = await addMessage(salon, started.conversationId, { role: "system", content: "Someone will be with you shortly." });
    const events = await stream.next("message", 2);
    expect(events.map((m) => (m as { id: string }).id)).toEqual([first, system]);

    await t.database.runner.query("update contacts set last_seen_at = null where id = $1", [started.contactId]);
    const seen = await eventually(() => lastSeen(started.contactId), (at) => at !== null, { what: "a presence refresh" });
    expect(isVisitorOnline(seen)).toBe(true);
    await stream.cancel();
  });
});
