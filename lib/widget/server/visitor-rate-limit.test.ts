import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as sendMessage } from "@/app/api/widget/messages/route";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { hitWidgetLimits, RATE_LIMITED_LINE, resetWidgetLimitsForTests } from "./rate-limits";
import { issueVisitorToken } from "./visitor-token";

/**
 * The per-visitor message limit (20 a minute unless configured) on a fake clock: the window's edges are checked to the
 * second, which the browser test that sent 22 real messages could not do (its minute could run out mid-flood).
 */
describe("POST /api/widget/messages: a visitor's rate limit", () => {
  const t = freshDatabasePerTest();
  const T0 = new Date("2026-11-24T10:00:00Z");
  afterEach(() => {
    vi.useRealTimers();
    resetWidgetLimitsForTests();
  });

  const BASE = "http://localhost:3000";
  const post = (token: string, text: string) =>
    sendMessage(
      new Request(`${BASE}/api/widget/messages`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: BASE, "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ text, clientMessageId: randomUUID() }),
      }),
      { params: Promise.resolve({}) },
    );
  const storedTexts = async (businessId: string) =>
    (await t.database.runner.query<{ content: string }>("select content from messages where business_id = $1 and role = 'customer' order by created_at", [businessId])).map(
      (m) => m.content,
    );

  async function salonVisitor() {
    const ada = await createUser(t.database, { email: "ada@salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const [row] = await t.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [salon]);
    const visitor = await issueVisitorToken({ businessId: salon, widgetKey: row!.widget_key });
    return { salon, widgetKey: row!.widget_key, ...visitor };
  }

  it("takes 20 messages in a minute, refuses the 21st with the polite line and the seconds left, stores nothing, and takes one again when the minute is up", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { salon, widgetKey, token, visitorId } = await salonVisitor();
    // Nineteen counted as the route counts them (without nineteen agent turns), the twentieth through the route.
    for (let i = 0; i < 19; i++) expect(hitWidgetLimits(widgetKey, visitorId)).toBe(0);
    const twentieth = await post(token, "Message 20");
    expect(twentieth.status).toBe(200);
    await twentieth.text();

    vi.setSystemTime(T0.getTime() + 15_000);
    const refused = await post(token, "Message 21");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("45");
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", message: RATE_LIMITED_LINE } });
    expect(RATE_LIMITED_LINE).toMatch(/please wait/i);

    // A second before the window ends it still refuses, saying so.
    vi.setSystemTime(T0.getTime() + 59_000);
    const stillRefused = await post(token, "Message 22");
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.headers.get("retry-after")).toBe("1");
    expect(await storedTexts(salon)).toEqual(["Message 20"]);

    vi.setSystemTime(T0.getTime() + 60_000);
    const fresh = await post(token, "Message 23");
    expect(fresh.status).toBe(200);
    await fresh.text();
    expect(await storedTexts(salon)).toEqual(["Message 20", "Message 23"]);
  });

  it("counts each visitor on their own", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { salon, widgetKey, visitorId } = await salonVisitor();
    const other = await issueVisitorToken({ businessId: salon, widgetKey });
    for (let i = 0; i < 20; i++) hitWidgetLimits(widgetKey, visitorId);
    expect(hitWidgetLimits(widgetKey, visitorId)).toBe(60);
    const theirs = await post(other.token, "Someone else's first message");
    expect(theirs.status).toBe(200);
    await theirs.text();
  });
});
