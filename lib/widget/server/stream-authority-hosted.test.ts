import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as openEvents } from "@/app/api/widget/events/route";
import { resetConfigForTests } from "@/lib/config";
import { createBusinessAs, createUser } from "@/lib/db/testing";
import { useMigratedPostgres } from "@/lib/db/testing-postgres";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { addMessage, createWidgetConversation, readEvents } from "@/lib/realtime/testing";
import { PRESENCE_INTERVAL_MS } from "./presence";
import { issueVisitorToken } from "./visitor-token";

/** One turn of the event loop (setImmediate is never faked here): every callback already queued has run. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Issue 19, finding 6, hosted: the widget stream ends when the business's key is replaced, on a real Postgres server
 * with the hosted bus (a postgres.js connection of its own that LISTENs on REALTIME_DATABASE_URL). Where that LISTEN
 * hears nothing (REALTIME_DATABASE_URL unset on Supabase falls back to DATABASE_URL, usually the transaction pooler,
 * which drops a LISTEN), the presence tick's key check ends it instead.
 */
describe("the widget event stream ends with its key, hosted", () => {
  const pg = useMigratedPostgres();
  const aborts: AbortController[] = [];

  /** The bus LISTENs on `url`; the stream's queries go to the test's own database either way. */
  const listenOn = (url: string) => {
    vi.stubEnv("REALTIME_DATABASE_URL", url);
    resetConfigForTests();
  };

  beforeEach(() => listenOn(pg.url));
  // Registered after useMigratedPostgres's: runs before its database is dropped.
  afterEach(async () => {
    vi.useRealTimers();
    for (const controller of aborts.splice(0)) controller.abort();
    await closeRealtimeBus();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  async function salonWithVisitor() {
    const ada = await createUser(pg.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const visitor = await createWidgetConversation(salon, { status: "human" });
    const [row] = await pg.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [salon]);
    const { token } = await issueVisitorToken({ businessId: salon, widgetKey: row!.widget_key, visitorId: visitor.visitorId });
    return { ada, salon, visitor, token };
  }

  function open(token: string) {
    const controller = new AbortController();
    aborts.push(controller);
    const request = new Request("http://localhost:3000/api/widget/events", {
      signal: controller.signal,
      headers: { host: "localhost:3000", authorization: `Bearer ${token}` },
    });
    return openEvents(request, { params: Promise.resolve({}) });
  }

  /** The owner's replacement as the key route makes it, committed on a connection of the pool (not the listener's). */
  const replaceKey = (businessId: string) =>
    pg.database.runner.query("update businesses set widget_key = 'pk_' || md5(random()::text) where id = $1", [businessId]);

  it("ends as soon as the replacement is announced over LISTEN, with no presence tick", async () => {
    const { ada, salon, visitor, token } = await salonWithVisitor();
    // The intervals are fake and never advanced: only the announcement can end the stream.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const stream = readEvents(await open(token));
    await stream.next("ready");
    // The hosted bus delivers: a staff reply reaches the stream.
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "Before the new key", authorId: ada });
    await stream.next("message");

    await replaceKey(salon);
    await stream.ended();
  });

  it("ends at the next presence tick when the LISTEN hears nothing (a transaction pooler), and not before", async () => {
    const { ada, salon, visitor, token } = await salonWithVisitor();
    // The bus listens on another database of the server: connected and LISTENing, but it hears none of this
    // database's announcements, as through a pooler that hands the session to another client.
    const elsewhere = new URL(pg.url);
    elsewhere.pathname = "/postgres";
    listenOn(elsewhere.toString());
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const stream = readEvents(await open(token));
    await stream.next("ready");
    // Deaf indeed: a staff reply never arrives live (the chat's catch-up read is what shows it there).
    await addMessage(salon, visitor.conversationId, { role: "agent", content: "Unheard", authorId: ada });

    await replaceKey(salon);
    await vi.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS - 1);
    // A round trip through the database the tick would query: had it run, it would have seen the new key.
    await pg.database.runner.query("select 1");
    await settled();
    expect(stream.done).toBe(false);
    expect(stream.received.map((e) => e.event)).toEqual(["ready"]);
    await vi.advanceTimersByTimeAsync(1);
    await stream.ended();
  });
});
