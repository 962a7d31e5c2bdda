import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as replaceKey } from "@/app/api/businesses/[businessId]/widget-settings/key/route";
import { GET as openEvents } from "@/app/api/widget/events/route";
import type { AuthClaims } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { STREAM_MAX_LIFETIME_MS } from "@/lib/realtime/sse";
import { addMessage, createWidgetConversation, readEvents, sleep } from "@/lib/realtime/testing";
import { issueVisitorToken } from "./visitor-token";

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

  function open(token: string) {
    const controller = new AbortController();
    aborts.push(controller);
    return openEvents(
      new Request(`${BASE}/api/widget/events`, { signal: controller.signal, headers: { host: "localhost:3000", authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({}) },
    );
  }

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

    await addMessage(salon, visitor.conversationId, { role: "agent", content: "After the new key", authorId: ada });
    // Give a delivery every chance to happen (it would have been on the ended stream): it must not.
    await sleep(100);
    expect(staffMessages(stream).map((e) => (e.data as { content: string }).content)).toEqual(["Before the new key"]);

    // Reconnecting with the old key's token is refused: the chat has to start a new session.
    const again = await open(token);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: "invalid_token" } });
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
