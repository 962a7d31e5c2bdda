import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as replaceKey } from "@/app/api/businesses/[businessId]/widget-settings/key/route";
import { POST as saveContact } from "@/app/api/widget/contact/route";
import { GET as openEvents } from "@/app/api/widget/events/route";
import { POST as askForPerson } from "@/app/api/widget/handoff/route";
import { GET as readMessages, POST as sendMessage } from "@/app/api/widget/messages/route";
import { POST as openSession } from "@/app/api/widget/session/route";
import type { AuthClaims } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { RATE_LIMITED_LINE, resetWidgetLimitsForTests } from "./rate-limits";
import { issueVisitorToken } from "./visitor-token";

// The key route verifies the owner's session through lib/auth/session; here it answers with whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));
// The agent's answer is not what these tests are about (and a hundred model turns would cost the suite minutes): the
// reply stream gets a fixed answer, the visitor's message is stored as in production.
vi.mock("@/lib/agent/respond", () => ({
  answerCustomerMessage: async ({ sink }: { sink?: { text(delta: string): void } }) => {
    sink?.text("Thanks!");
    return { messageId: null, sources: [], confidence: null, intent: null, handedOff: false, status: "ai", quickReplies: [] };
  },
}));

/** Issue 20, "behaviour with no test at all": a replaced widget key ends visitor sessions; the per-key rate limit. */
describe("widget sessions and limits, through the HTTP handlers", () => {
  const t = useTestDatabase();
  beforeEach(() => {
    session.claims = null;
    resetWidgetLimitsForTests();
  });
  afterEach(async () => {
    vi.useRealTimers();
    resetWidgetLimitsForTests();
    await closeRealtimeBus();
  });

  const BASE = "http://localhost:3000";
  const none = { params: Promise.resolve({}) };
  const call = (method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}) =>
    new Request(`${BASE}${path}`, {
      method,
      headers: {
        host: "localhost:3000",
        origin: BASE,
        "sec-fetch-site": "same-origin",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const keyOf = async (businessId: string) =>
    (await t.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [businessId]))[0]!.widget_key;
  const customerMessages = async (businessId: string) =>
    (await t.database.runner.query<{ n: number }>("select count(*)::int as n from messages where business_id = $1 and role = 'customer'", [businessId]))[0]!.n;

  async function salon(name = "Ada's Salon", email = "ada@adas-salon.test") {
    const owner = await createUser(t.database, { email, fullName: name });
    const id = await createBusinessAs(owner, { name });
    return { owner, id, key: await keyOf(id) };
  }

  it("a replaced widget key ends the sessions issued under the old one, on every visitor route", async () => {
    const ada = await salon();
    const started = await openSession(call("POST", "/api/widget/session", { body: { key: ada.key } }), none);
    expect(started.status).toBe(200);
    const { token } = (await started.json()) as { token: string };
    const sent = await sendMessage(call("POST", "/api/widget/messages", { token, body: { text: "Hello!", clientMessageId: randomUUID() } }), none);
    expect(sent.status).toBe(200);
    await sent.text();

    session.claims = claimsFor(ada.owner);
    const replaced = await replaceKey(call("POST", `/api/businesses/${ada.id}/widget-settings/key`), { params: Promise.resolve({ businessId: ada.id }) });
    expect(replaced.status).toBe(200);
    const { widgetKey: newKey } = (await replaced.json()) as { widgetKey: string };
    expect(newKey).not.toBe(ada.key);

    const refusals = [
      await sendMessage(call("POST", "/api/widget/messages", { token, body: { text: "Still there?", clientMessageId: randomUUID() } }), none),
      await readMessages(call("GET", "/api/widget/messages", { token }), none),
      await openEvents(call("GET", "/api/widget/events", { token }), none),
      await askForPerson(call("POST", "/api/widget/handoff", { token, body: {} }), none),
      await saveContact(call("POST", "/api/widget/contact", { token, body: { email: "visitor@example.test" } }), none),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "invalid_token" } });
    }
    expect(await customerMessages(ada.id)).toBe(1);

    // The old snippet's key is gone; the new key never resumes the old session: a fresh visitor, nothing of theirs.
    const oldKey = await openSession(call("POST", "/api/widget/session", { body: { key: ada.key, token } }), none);
    expect(oldKey.status).toBe(404);
    const fresh = await openSession(call("POST", "/api/widget/session", { body: { key: newKey, token } }), none);
    expect(fresh.status).toBe(200);
    const resumed = (await fresh.json()) as { token: string; conversation: unknown; messages: unknown[] };
    expect(resumed.token).not.toBe(token);
    expect(resumed.conversation).toBeNull();
    expect(resumed.messages).toEqual([]);
  });

  it("refuses the 101st message in a minute from different visitors of one key with a clear 429, and stores it nowhere", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-04T10:00:00Z"));
    const ada = await salon();
    const bob = await salon("Bob's Bikes", "bob@bobs-bikes.test");
    const visitorOf = async (business: { id: string; key: string }) => (await issueVisitorToken({ businessId: business.id, widgetKey: business.key })).token;
    const say = async (token: string, text: string) => sendMessage(call("POST", "/api/widget/messages", { token, body: { text, clientMessageId: randomUUID() } }), none);

    for (let i = 0; i < 100; i++) {
      const response = await say(await visitorOf(ada), `Question ${i}`);
      expect(response.status, `message ${i + 1}`).toBe(200);
      await response.text();
      // The hundred messages arrive over 50 seconds of the same minute.
      vi.setSystemTime(new Date(Date.parse("2026-12-04T10:00:00Z") + (i + 1) * 500));
    }
    expect(await customerMessages(ada.id)).toBe(100);

    const late = await visitorOf(ada);
    const refused = await say(late, "One more");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", message: RATE_LIMITED_LINE } });
    expect(Number(refused.headers.get("retry-after"))).toBe(10);
    expect(await customerMessages(ada.id)).toBe(100);

    // The limit is the key's: another business's visitors are not held back by it.
    const elsewhere = await say(await visitorOf(bob), "Hello Bob");
    expect(elsewhere.status).toBe(200);
    await elsewhere.text();

    // Once the minute is over, the site's visitors are heard again.
    vi.setSystemTime(new Date("2026-12-04T10:01:00Z"));
    const next = await say(late, "One more");
    expect(next.status).toBe(200);
    await next.text();
    expect(await customerMessages(ada.id)).toBe(101);
  });
});
