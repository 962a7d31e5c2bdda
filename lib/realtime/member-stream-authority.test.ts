import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/businesses/[businessId]/events/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/businesses/[businessId]/members/[userId]/route";
import type { AuthClaims } from "@/lib/db";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "./bus";
import { STREAM_MAX_LIFETIME_MS } from "./sse";
import { addMessage, createWidgetConversation, readEvents } from "./testing";

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

/**
 * Issue 19, finding 6: a member's live stream ends at once when that member is removed or their role changes (not a
 * minute later at the next recheck), and at the streams' maximum lifetime; every reconnection is authorised afresh.
 */
describe("the member event stream ends with its authority", () => {
  const t = useTestDatabase();
  const aborts: AbortController[] = [];
  beforeEach(() => {
    session.claims = null;
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const controller of aborts.splice(0)) controller.abort();
    await closeRealtimeBus();
  });

  const BASE = "http://localhost:3000";
  function open(businessId: string, as: string) {
    session.claims = claimsFor(as);
    const controller = new AbortController();
    aborts.push(controller);
    return GET(new Request(`${BASE}/api/businesses/${businessId}/events`, { signal: controller.signal }), { params: Promise.resolve({ businessId }) });
  }
  const asOwner = (ada: string, method: string, body?: unknown) => {
    session.claims = claimsFor(ada);
    return new Request(`${BASE}/api/businesses/x/members/y`, {
      method,
      headers: { host: "localhost:3000", origin: BASE, "sec-fetch-site": "same-origin", ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  };

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const carol = await createUser(t.database, { email: "carol@adas-salon.test", fullName: "Carol" });
    const dan = await createUser(t.database, { email: "dan@adas-salon.test", fullName: "Dan" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    await addMember(t.database, salon, carol, "agent");
    await addMember(t.database, salon, dan, "admin");
    return { ada, carol, dan, salon };
  }

  it("closes a removed member's stream at once, delivers nothing after, and refuses their reconnection", async () => {
    const { ada, carol, salon } = await world();
    const carols = readEvents(await open(salon, carol));
    const adas = readEvents(await open(salon, ada));
    await carols.next("ready");
    await adas.next("ready");

    const removed = await removeMember(asOwner(ada, "DELETE"), { params: Promise.resolve({ businessId: salon, userId: carol }) });
    expect(removed.status).toBe(204);
    // The recheck runs once a minute: ending within the wait below means the removal itself ended it.
    await carols.ended(5_000);

    const conversation = await createWidgetConversation(salon);
    await addMessage(salon, conversation.conversationId, { role: "customer", content: "After Carol left" });
    // Ada's stream is untouched by another member's removal, and is how we know the change was announced.
    await adas.next("message.created");
    expect(adas.done).toBe(false);
    expect(carols.received.map((e) => e.event)).toEqual(["ready"]);
    // The announcement itself is for the server's streams: no browser receives who was removed.
    expect(adas.received.some((e) => e.event === "membership.changed")).toBe(false);

    expect((await open(salon, carol)).status).toBe(404);
    await adas.cancel();
  });

  it("closes a member's stream when their role changes; they reconnect under the new role", async () => {
    const { ada, dan, salon } = await world();
    const dans = readEvents(await open(salon, dan));
    await dans.next("ready");

    const changed = await changeRole(asOwner(ada, "PATCH", { role: "agent" }), { params: Promise.resolve({ businessId: salon, userId: dan }) });
    expect(changed.status).toBe(200);
    await dans.ended(5_000);

    const again = readEvents(await open(salon, dan));
    expect(await again.next("ready")).toEqual([{ businessId: salon }]);
    await again.cancel();
  });

  it("closes at the streams' maximum lifetime, an hour", async () => {
    expect(STREAM_MAX_LIFETIME_MS).toBe(60 * 60_000);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    const { ada, salon } = await world();
    // Claims without an expiry, and a membership that stays: only the lifetime can end this stream.
    const stream = readEvents(await open(salon, ada));
    await stream.next("ready");
    await vi.advanceTimersByTimeAsync(STREAM_MAX_LIFETIME_MS - 60_000);
    expect(stream.done).toBe(false);
    await vi.advanceTimersByTimeAsync(61_000);
    await stream.ended();
  });
});
