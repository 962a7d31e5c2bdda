import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as replaceKey } from "@/app/api/businesses/[businessId]/widget-settings/key/route";
import { GET as openEvents } from "@/app/api/widget/events/route";
import { GET as listMessages } from "@/app/api/widget/messages/route";
import type { AuthClaims } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { STREAM_MAX_LIFETIME_MS } from "@/lib/realtime/sse";
import { addMessage, createWidgetConversation, readEvents } from "@/lib/realtime/testing";
import { PRESENCE_INTERVAL_MS } from "./presence";
import { requireVisitor } from "./visitor";
import { issueVisitorToken } from "./visitor-token";
import { visitorEventStream } from "./visitor-stream";

/** One turn of the event loop (setImmediate is never faked here): every callback already queued has run. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

// The key route verifies the owner's session through lib/auth/session; here it answers with whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

/**
 * Issue 19, finding 6: a visitor's live stream ends when the authority it was opened under does (the widget key is
 * replaced, the token expires) and at a maximum lifetime, so staff replies stop flowing to a session that is over.
 */
describe("the widget event stream ends with its authority", () => {
  const t = useTestDatabase();
  const aborts: AbortController[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    session.claims = null;
    for (const controller of aborts.splice(0)) controller.abort();
    await closeRealtimeBus();
  });

  const BASE = "http://localhost:3000";
  const keyOf = async (businessId: string) =>
    (await t.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [businessId]))[0]!.widget_key;

  async function salonWithVisitor(lifetimeSeconds?: number) {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const visitor = await createWidgetConversation(salon, { status: "human" });
    const { token } = await issueVisitorToken({ businessId: salon, widgetKey: await keyOf(salon), visitorId: visitor.visitorId, lifetimeSeconds });
    return { ada, salon, visitor, token };
  }

  function eventsRequest(token: string) {
    const controller = new AbortController();
    aborts.push(controller);
    return new Request(`${BASE}/api/widget/events`, { signal: controller.signal, headers: { host: "localhost:3000", authorization: `Bearer ${token}` } });
  }
  const open = (token: string) => openEvents(eventsRequest(token), { params: Promise.resolve({}) });

  /** Replaces the key with triggers off (session_replication_role = replica): no widget.key_changed is announced. */
  const replaceKeyUnannounced = (businessId: string) =>
    t.database.runner.transaction(async (tx) => {
      await tx.query("set local session_replication_role = replica");
      await tx.query("update businesses set widget_key = 'pk_' || md5(random()::text) where id = $1", [businessId]);
    });

  const staffMessages = (stream: ReturnType<typeof readEvents>) => stream.received.filter((e) => e.event === "message");

  it("closes when the owner replaces the widget key; a later staff reply is not delivered on it and the token is refused", async () => {
    const { ada, salon, visitor, token } = await salonWithVisitor();
    const response = await open(token);
    expect(response.status).toBe(200);
    const stream = readEvents(response);
    await stream.next("ready");
    // The stream works: a staff reply reaches it.
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "Before the new key", authorId: ada });
    await stream.next("message");

    session.claims = claimsFor(ada);
    const replaced = await replaceKey(
      new Request(`${BASE}/api/businesses/${salon}/widget-settings/key`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: BASE, "sec-fetch-site": "same-origin" },
      }),
      { params: Promise.resolve({ businessId: salon }) },
    );
    expect(replaced.status).toBe(200);
    await stream.ended();

    expect(staffMessages(stream).map((e) => (e.data as { content: string }).content)).toEqual(["Before the new key"]);

    // A later staff reply does not reach the old session another way either: reconnecting is refused, and so is the
    // catch-up read the chat makes on every (re)connection. The chat has to start a new session.
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "After the new key", authorId: ada });
    const again = await open(token);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: "invalid_token" } });
    const read = await listMessages(
      new Request(`${BASE}/api/widget/messages`, { headers: { host: "localhost:3000", authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({}) },
    );
    expect(read.status).toBe(401);
    expect(JSON.stringify(await read.json())).not.toContain("After the new key");
  });

  it("ends at once, before ready, when the key was replaced after the request was authorised and before it listened", async () => {
    const { salon, token } = await salonWithVisitor();
    const request = eventsRequest(token);
    // The route has authorised the request with the key as it was...
    const visitor = await requireVisitor(request);
    // ...and the replacement commits before the stream subscribes: its announcement reaches no one.
    await t.database.runner.query("update businesses set widget_key = 'pk_' || md5(random()::text) where id = $1", [salon]);
    const stream = readEvents(visitorEventStream(request, visitor));
    await stream.ended();
    expect(stream.received.map((e) => e.event)).toEqual([]);
  });

  it("ends at the next presence tick when a replacement was not announced (hosted through a pooler), and not before", async () => {
    const { salon, token } = await salonWithVisitor();
    // Only the intervals (presence, heartbeat) are fake: the database and the stream reader keep their real timers.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const stream = readEvents(await open(token));
    await stream.next("ready");
    await replaceKeyUnannounced(salon);
    await vi.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS - 1);
    // A round trip through the database the tick would query: had it run, it would have seen the new key.
    await t.database.runner.query("select 1");
    await settled();
    expect(stream.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stream.ended();
  });

  it("keeps the stream through presence ticks while the key stands", async () => {
    const { salon, visitor, token } = await salonWithVisitor();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const stream = readEvents(await open(token));
    await stream.next("ready");
    for (let tick = 0; tick < 3; tick++) await vi.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "Still on" });
    await stream.next("message");
    expect(stream.done).toBe(false);
    await stream.cancel();
  });

  it("is not ended by another business's key change", async () => {
    const { salon, visitor, token } = await salonWithVisitor();
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
    const stream = readEvents(await open(token));
    await stream.next("ready");
    await t.database.runner.query("update businesses set widget_key = 'pk_' || md5(random()::text) where id = $1", [bikes]);
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "Still here" });
    await stream.next("message");
    expect(stream.done).toBe(false);
    await stream.cancel();
  });

  it("closes when the visitor's token expires", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    const { token } = await salonWithVisitor(120);
    const stream = readEvents(await open(token));
    await stream.next("ready");
    await vi.advanceTimersByTimeAsync(110_000);
    expect(stream.done).toBe(false);
    await vi.advanceTimersByTimeAsync(11_000);
    await stream.ended();
  });

  it("closes at the streams' maximum lifetime, an hour, even with a long-lived token and nothing changing", async () => {
    expect(STREAM_MAX_LIFETIME_MS).toBe(60 * 60_000);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    const { token } = await salonWithVisitor();
    const stream = readEvents(await open(token));
    await stream.next("ready");
    await vi.advanceTimersByTimeAsync(STREAM_MAX_LIFETIME_MS - 60_000);
    expect(stream.done).toBe(false);
    await vi.advanceTimersByTimeAsync(61_000);
    await stream.ended();
  });
});
