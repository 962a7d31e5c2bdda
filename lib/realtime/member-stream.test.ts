import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/businesses/[businessId]/events/route";
import type { AuthClaims } from "@/lib/db";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "./bus";
import { memberEventStream } from "./member-stream";
import { addMessage, addNotification, createWidgetConversation, readEvents, setConversationStatus } from "./testing";

/** One turn of the event loop (setImmediate is never faked here): every callback already queued has run. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits, turn by turn, for what the stream's own work (no timer) brings about; fails after many turns, not a time. */
async function until(predicate: () => boolean, turns = 10_000) {
  for (let i = 0; i < turns && !predicate(); i++) await settled();
  expect(predicate()).toBe(true);
}

/** Reads a stream's text as it arrives, with no timers (readEvents polls with setTimeout, which a test may fake). */
function rawStream(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const state = { text: "", done: false };
  void (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) state.text += chunk.value;
    state.done = true;
  })();
  return state;
}

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

describe("the member event stream", () => {
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

  function open(businessId: string) {
    const controller = new AbortController();
    aborts.push(controller);
    const request = new Request(`http://localhost:3000/api/businesses/${businessId}/events`, { signal: controller.signal });
    return GET(request, { params: Promise.resolve({ businessId }) });
  }

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const carol = await createUser(t.database, { email: "carol@adas-salon.test", fullName: "Carol" });
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
    await addMember(t.database, salon, carol, "agent");
    return { ada, carol, bob, salon, bikes };
  }

  it("is 401 without a session and 404 for a business the user does not belong to", async () => {
    const { bob, salon } = await world();
    const anonymous = await open(salon);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    session.claims = claimsFor(bob);
    const stranger = await open(salon);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await open("not-a-uuid")).status).toBe(404);
  });

  it("opens with ready, then carries only this business's changes and only the member's own notifications", async () => {
    const { ada, carol, bob, salon, bikes } = await world();
    session.claims = claimsFor(ada);
    const response = await open(salon);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const stream = readEvents(response);
    expect(await stream.next("ready")).toEqual([{ businessId: salon }]);

    const theirs = await createWidgetConversation(bikes);
    await addMessage(bikes, theirs.conversationId, { role: "customer", content: "Bob's customer" });
    await addNotification(bikes, bob, theirs.conversationId);
    const ours = await createWidgetConversation(salon);
    await addNotification(salon, carol, ours.conversationId);
    const forAda = await addNotification(salon, ada, ours.conversationId);
    const message = await addMessage(salon, ours.conversationId, { role: "customer" });
    await setConversationStatus(salon, ours.conversationId, "needs_human");

    await stream.next("conversation.updated");
    const [notification] = await stream.next("notification.created");
    const seen = stream.received.filter((e) => e.event !== "ready").map((e) => e.data as { businessId: string; id: string; type: string });
    expect(seen.every((e) => e.businessId === salon)).toBe(true);
    // The person's own notification is read for them before it is sent, so it may arrive after later changes.
    expect(seen.filter((e) => e.type !== "notification.created").map((e) => `${e.type} ${e.id}`)).toEqual([
      `conversation.created ${ours.conversationId}`,
      `message.created ${message}`,
      `conversation.updated ${ours.conversationId}`,
    ]);
    expect(seen.filter((e) => e.type === "notification.created").map((e) => e.id)).toEqual([forAda]);
    // It carries what the toast shows and whether Ada's preferences want a toast and a sound now.
    expect(notification).toMatchObject({
      id: forAda,
      notification: { item: { id: forAda, title: "A customer asks for a person" }, delivery: { toast: true } },
    });
    expect(stream.received.map((e) => e.event).slice(1)).toEqual(seen.map((e) => e.type));
    await stream.cancel();
  });

  it("ends at the next recheck when the membership is gone without an announcement, and not before", async () => {
    const { carol, salon } = await world();
    // Only the recheck's interval is fake: the database and the stream reader keep their real timers.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const removed = readEvents(memberEventStream(new Request("http://localhost/"), { claims: claimsFor(carol), businessId: salon }, { recheckMs: 60_000 }));
    await removed.next("ready");
    // Removed with triggers off (session_replication_role = replica), so no membership.changed is announced: the
    // case the recheck exists for.
    await t.database.runner.transaction(async (tx) => {
      await tx.query("set local session_replication_role = replica");
      await tx.query("delete from memberships where business_id = $1 and user_id = $2", [salon, carol]);
    });
    await vi.advanceTimersByTimeAsync(59_999);
    // A round trip through the database the recheck would query: had it run, it would have seen the removal.
    await t.database.runner.query("select 1");
    await settled();
    expect(removed.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await removed.ended();
  });

  it("ends when the access token expires, and not before", async () => {
    const { ada, salon } = await world();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date("2026-11-24T10:00:00Z") });
    const claims = { ...claimsFor(ada), exp: Math.floor(Date.now() / 1000) + 300 };
    const expiring = rawStream(memberEventStream(new Request("http://localhost/"), { claims, businessId: salon }));
    await until(() => expiring.text.includes("event: ready"));
    await vi.advanceTimersByTimeAsync(299_999);
    await settled();
    expect(expiring.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => expiring.done);
  });
});
