import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/businesses/[businessId]/events/route";
import type { AuthClaims } from "@/lib/db";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "./bus";
import { memberEventStream } from "./member-stream";
import { addMessage, addNotification, createWidgetConversation, readEvents, setConversationStatus } from "./testing";

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

  it("ends when the membership is removed, and when the access token expires", async () => {
    const { ada, carol, salon } = await world();
    const removed = readEvents(memberEventStream(new Request("http://localhost/"), { claims: claimsFor(carol), businessId: salon }, { recheckMs: 50 }));
    await removed.next("ready");
    await t.database.runner.query("delete from memberships where business_id = $1 and user_id = $2", [salon, carol]);
    await removed.ended();

    const claims = { ...claimsFor(ada), exp: Math.floor(Date.now() / 1000) + 1 };
    const expiring = readEvents(memberEventStream(new Request("http://localhost/"), { claims, businessId: salon }));
    await expiring.next("ready");
    await expiring.ended(3_000);
  });
});
