import { generateVAPIDKeys } from "web-push";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getNotification } from "@/app/api/businesses/[businessId]/notifications/[notificationId]/route";
import { POST as markRead } from "@/app/api/businesses/[businessId]/notifications/read/route";
import { GET as listNotifications } from "@/app/api/businesses/[businessId]/notifications/route";
import { GET as getPreferences, PUT as putPreferences } from "@/app/api/businesses/[businessId]/notification-preferences/route";
import { POST as runInboxJob } from "@/app/api/jobs/inbox/route";
import { DELETE as unsubscribe, GET as listDevices, POST as subscribe } from "@/app/api/push/subscriptions/route";
import { POST as testPush } from "@/app/api/push/test/route";
import { GET as vapidKey } from "@/app/api/push/vapid-key/route";
import { resetConfigForTests } from "@/lib/config";
import type { AuthClaims } from "@/lib/db";
import { claimsFor, useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { defaultPreferences } from "./preferences";
import { notificationWorld, startFakePushService } from "./test-support";
import { resetVapidForTests } from "./vapid";

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

const vapidKeys = generateVAPIDKeys();
const CRON_SECRET = "a-scheduler-secret-of-more-than-32-characters";
let service: Awaited<ReturnType<typeof startFakePushService>>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  service = await startFakePushService();
  process.env.VAPID_PUBLIC_KEY = vapidKeys.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapidKeys.privateKey;
  process.env.CRON_SECRET = CRON_SECRET;
  resetConfigForTests();
  resetVapidForTests();
});

afterAll(async () => {
  await service.close();
  process.env = savedEnv;
  resetConfigForTests();
  resetVapidForTests();
});

beforeEach(() => {
  session.claims = null;
});

const BASE = "http://localhost:3000";
const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${url}`, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const fieldsOf = async (response: Response) => ((await response.json()) as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field);
const subscription = (endpoint = "https://fcm.googleapis.com/fcm/send/ada-phone") => ({
  endpoint,
  keys: { p256dh: service.device("/unused").p256dh, auth: "c2VjcmV0LWF1dGgtMTIzNA" },
  device: "Ada's phone",
});

describe("notification routes", () => {
  const t = withTestDatabase();

  async function world() {
    const w = await notificationWorld(t.database);
    const insert = (userId: string, title: string) =>
      t.database.runner.query<{ id: string }>("insert into notifications (business_id, user_id, type, title) values ($1, $2, 'handoff', $3) returning id", [
        w.salon,
        userId,
        title,
      ]);
    const [first] = await insert(w.ada, "first");
    const [second] = await insert(w.ada, "second");
    const [carols] = await insert(w.carol, "carol's");
    return { ...w, ids: { first: first!.id, second: second!.id, carols: carols!.id } };
  }

  it("list the signed-in person's notifications: 401 signed out, 404 outside the business, 400 for a bad limit", async () => {
    const { ada, bob, salon } = await world();
    const list = (query = "") => listNotifications(json("GET", `/api/businesses/${salon}/notifications${query}`), params({ businessId: salon }));
    expect((await list()).status).toBe(401);
    session.claims = claimsFor(bob);
    expect((await list()).status).toBe(404);
    session.claims = claimsFor(ada);
    const response = await list("?limit=1");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { title: string; readAt: null }[]; unread: number; nextCursor: string | null };
    expect(body).toMatchObject({ unread: 2, items: [{ title: "second", readAt: null }], nextCursor: expect.any(String) });
    const next = (await (await list(`?limit=1&cursor=${body.nextCursor}`)).json()) as { items: { title: string }[]; nextCursor: null };
    expect(next).toMatchObject({ items: [{ title: "first" }], nextCursor: null });
    const bad = await list("?limit=500");
    expect(bad.status).toBe(400);
    expect(await fieldsOf(bad)).toEqual(["limit"]);
  });

  it("mark read by ids or all, and reject anything else", async () => {
    const { ada, salon, ids } = await world();
    session.claims = claimsFor(ada);
    const read = (body: unknown) => markRead(json("POST", `/api/businesses/${salon}/notifications/read`, body), params({ businessId: salon }));
    for (const body of [{}, { ids: [] }, { ids: ["nope"] }, { all: false }, { ids: [ids.first], all: true }, "not json"]) {
      const response = await read(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(await (await read({ ids: [ids.first, ids.carols] })).json()).toEqual({ marked: 1, unread: 1 });
    expect(await (await read({ all: true })).json()).toEqual({ marked: 1, unread: 0 });
  });

  it("give one notification with whether it toasts and rings now; another person's is a 404", async () => {
    const { ada, salon, ids } = await world();
    session.claims = claimsFor(ada);
    const get = (notificationId: string) =>
      getNotification(json("GET", `/api/businesses/${salon}/notifications/${notificationId}`), params({ businessId: salon, notificationId }));
    const mine = await get(ids.first);
    expect(await mine.json()).toMatchObject({ item: { id: ids.first, title: "first", type: "handoff" }, delivery: { toast: true, sound: true } });
    expect((await get(ids.carols)).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
  });

  it("read and replace preferences, naming the field that is wrong", async () => {
    const { carol, salon } = await world();
    session.claims = claimsFor(carol);
    const get = () => getPreferences(json("GET", `/api/businesses/${salon}/notification-preferences`), params({ businessId: salon }));
    const put = (body: unknown) => putPreferences(json("PUT", `/api/businesses/${salon}/notification-preferences`, body), params({ businessId: salon }));
    expect(await (await get()).json()).toEqual({ preferences: defaultPreferences("Europe/London"), businessTimeZone: "Europe/London" });
    const mine = { ...defaultPreferences("America/New_York"), quietStart: "21:00", quietEnd: "06:30", onDuty: false };
    const saved = await put(mine);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ preferences: mine, businessTimeZone: "Europe/London" });
    expect(((await (await get()).json()) as { preferences: unknown }).preferences).toEqual(mine);
    expect(await fieldsOf(await put({ ...mine, timeZone: "Nowhere/Special" }))).toEqual(["timeZone"]);
    expect(await fieldsOf(await put({ ...mine, quietEnd: null }))).toEqual(["quietEnd"]);
    expect(await fieldsOf(await put({ ...mine, channels: { ...mine.channels, handoff: { toast: "yes", push: true, email: true } } }))).toEqual([
      "channels.handoff.toast",
    ]);
  });
});

describe("push routes", () => {
  const t = withTestDatabase();

  it("give the public key (never the private one) to a signed-in person", async () => {
    expect((await vapidKey(json("GET", "/api/push/vapid-key"), params({}))).status).toBe(401);
    const { ada } = await notificationWorld(t.database);
    session.claims = claimsFor(ada);
    const response = await vapidKey(json("GET", "/api/push/vapid-key"), params({}));
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ publicKey: vapidKeys.publicKey, enabled: true });
    expect(text).not.toContain(vapidKeys.privateKey);
  });

  it("register a device with a push service's https endpoint, list it, and forget it", async () => {
    const { ada, carol } = await notificationWorld(t.database);
    session.claims = claimsFor(ada);
    const post = (body: unknown) => subscribe(json("POST", "/api/push/subscriptions", body), params({}));
    expect(await fieldsOf(await post({ ...subscription(), endpoint: "http://fcm.googleapis.com/x" }))).toEqual(["endpoint"]);
    expect(await fieldsOf(await post(subscription("https://192.168.1.10/push")))).toEqual(["endpoint"]);
    expect(await fieldsOf(await post(subscription(`https://push.example.com/${"x".repeat(2000)}`)))).toEqual(["endpoint"]);
    expect(await fieldsOf(await post({ ...subscription(), keys: { p256dh: "short", auth: "x" } }))).toEqual(["keys.p256dh", "keys.auth"]);
    expect(await fieldsOf(await post({ ...subscription(), device: "d".repeat(201) }))).toEqual(["device"]);
    const created = await post(subscription());
    expect(created.status).toBe(201);

    const devices = (await (await listDevices(json("GET", "/api/push/subscriptions"), params({}))).json()) as { items: { device: string; endpoint: string }[] };
    expect(devices.items).toMatchObject([{ device: "Ada's phone", endpoint: subscription().endpoint }]);

    const remove = (endpoint: string) => unsubscribe(json("DELETE", "/api/push/subscriptions", { endpoint }), params({}));
    session.claims = claimsFor(carol);
    expect((await remove(subscription().endpoint)).status).toBe(404);
    session.claims = claimsFor(ada);
    expect((await remove(subscription().endpoint)).status).toBe(204);
    expect((await remove(subscription().endpoint)).status).toBe(404);
  });

  it("send a test push to the person's devices, pruning a dead one on the way", async () => {
    const { ada } = await notificationWorld(t.database);
    session.claims = claimsFor(ada);
    const send = () => testPush(json("POST", "/api/push/test"), params({}));
    const none = await send();
    expect(none.status).toBe(409);
    // The local stand-in for a push service is plain http, so these rows are written directly rather than through POST.
    for (const path of ["/ok/ada-test", "/gone/ada-test"]) {
      const d = service.device(path);
      await t.database.runner.query("insert into push_subscriptions (user_id, endpoint, p256dh, auth) values ($1, $2, $3, $4)", [ada, d.endpoint, d.p256dh, d.auth]);
    }
    const response = await send();
    expect(await response.json()).toEqual({ devices: 2, sent: 1, removed: 1, failed: 0 });
    expect(service.received.map((r) => r.path).sort()).toEqual(["/gone/ada-test", "/ok/ada-test"]);
    expect(await t.database.runner.query("select count(*)::int as n from push_subscriptions")).toEqual([{ n: 1 }]);
  });
});

describe("the inbox job route", () => {
  withTestDatabase();

  it("needs the scheduler's token", async () => {
    const run = (token?: string) => runInboxJob(json("POST", "/api/jobs/inbox", undefined, token ? { authorization: `Bearer ${token}` } : {}), params({}));
    expect((await run()).status).toBe(401);
    expect((await run("wrong")).status).toBe(401);
    const response = await run(CRON_SECRET);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reminders: 0, escalations: 0, dispatched: 0 });
  });
});
