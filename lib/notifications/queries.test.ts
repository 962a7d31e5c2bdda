import { describe, expect, it } from "vitest";
import { withServiceRole, withUser } from "@/lib/db";
import { claimsFor, useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { apiErrorFromDatabase } from "@/lib/http/handler";
import { defaultPreferences } from "./preferences";
import {
  getNotification,
  getPreferences,
  listDevices,
  listNotifications,
  markNotificationsRead,
  MAX_DEVICES,
  removeDevice,
  savePreferences,
  saveSubscription,
} from "./queries";
import { notificationWorld } from "./test-support";

const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (error) {
    return apiErrorFromDatabase(error)?.code ?? (error as { code?: string }).code ?? String(error);
  }
};

describe("notification preferences", () => {
  const t = withTestDatabase();

  it("are the defaults in the business's zone until saved, then exactly what was saved", async () => {
    const { ada, salon } = await notificationWorld(t.database);
    const read = () => asUser(ada, (tx) => getPreferences(tx, { businessId: salon, userId: ada, businessTimeZone: "Europe/London" }));
    expect(await read()).toEqual(defaultPreferences("Europe/London"));
    const mine = { ...defaultPreferences("Asia/Tokyo"), quietStart: "22:00", quietEnd: "07:00", onDuty: false };
    mine.channels.mention = { toast: false, push: false, email: true };
    await asUser(ada, (tx) => savePreferences(tx, { businessId: salon, userId: ada, preferences: mine }));
    expect(await read()).toEqual(mine);
    // Saving again replaces the row rather than adding one.
    await asUser(ada, (tx) => savePreferences(tx, { businessId: salon, userId: ada, preferences: { ...mine, onDuty: true } }));
    expect((await read()).onDuty).toBe(true);
    expect(await t.database.runner.query("select count(*)::int as n from notification_preferences")).toEqual([{ n: 1 }]);
  });

  it("are private: a teammate reads only their own, and an outsider cannot write any", async () => {
    const { ada, carol, bob, salon } = await notificationWorld(t.database);
    await asUser(ada, (tx) => savePreferences(tx, { businessId: salon, userId: ada, preferences: { ...defaultPreferences("UTC"), onDuty: false } }));
    // Carol asking for Ada's row sees none (RLS), so she gets the defaults.
    expect((await asUser(carol, (tx) => getPreferences(tx, { businessId: salon, userId: ada, businessTimeZone: "UTC" }))).onDuty).toBe(true);
    expect(await failure(asUser(carol, (tx) => savePreferences(tx, { businessId: salon, userId: ada, preferences: defaultPreferences("UTC") })))).toBe(
      "forbidden",
    );
    expect(await failure(asUser(bob, (tx) => savePreferences(tx, { businessId: salon, userId: bob, preferences: defaultPreferences("UTC") })))).toBe(
      "forbidden",
    );
  });
});

describe("the notification centre", () => {
  const t = withTestDatabase();

  /** 25 notifications for Ada, a microsecond apart (a millisecond cursor would skip some), and one for Carol. */
  async function seed() {
    const w = await notificationWorld(t.database);
    for (let i = 0; i < 25; i += 1) {
      await t.database.runner.query(
        "insert into notifications (business_id, user_id, type, title, created_at) values ($1, $2, 'handoff', $3, $4::timestamptz + make_interval(secs => $5))",
        [w.salon, w.ada, `n${i}`, "2026-12-01T10:00:00Z", i / 1_000_000],
      );
    }
    // Two at the very same instant: the id breaks the tie.
    await t.database.runner.query(
      "insert into notifications (business_id, user_id, type, title, created_at) values ($1, $2, 'mention', 'tie-a', $3), ($1, $2, 'mention', 'tie-b', $3)",
      [w.salon, w.ada, "2026-12-01T09:00:00Z"],
    );
    const [carols] = await t.database.runner.query<{ id: string }>(
      "insert into notifications (business_id, user_id, type, title) values ($1, $2, 'handoff', 'for carol') returning id",
      [w.salon, w.carol],
    );
    return { ...w, carolsNotification: carols!.id };
  }

  it("pages newest first without skipping or repeating, and counts what is unread", async () => {
    const { ada, salon } = await seed();
    const titles: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await asUser(ada, (tx) => listNotifications(tx, { businessId: salon, userId: ada, cursor, limit: 10 }));
      expect(page.unread).toBe(27);
      titles.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(titles.slice(0, 3)).toEqual(["n24", "n23", "n22"]);
    expect(new Set(titles).size).toBe(27);
    expect(titles.slice(25).sort()).toEqual(["tie-a", "tie-b"]);
  });

  it("refuses a cursor it did not make", async () => {
    const { ada, salon } = await seed();
    for (const cursor of ["nonsense", Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url")]) {
      expect(await failure(asUser(ada, (tx) => listNotifications(tx, { businessId: salon, userId: ada, cursor, limit: 10 })))).toBe("validation_failed");
    }
  });

  it("marks named or all notifications read, only the person's own", async () => {
    const { ada, carol, salon, carolsNotification } = await seed();
    const { items } = await asUser(ada, (tx) => listNotifications(tx, { businessId: salon, userId: ada, limit: 2 }));
    const ids = [items[0]!.id, items[1]!.id, carolsNotification];
    expect(await asUser(ada, (tx) => markNotificationsRead(tx, { businessId: salon, userId: ada, ids }))).toEqual({ marked: 2, unread: 25 });
    // Again: nothing new to mark.
    expect(await asUser(ada, (tx) => markNotificationsRead(tx, { businessId: salon, userId: ada, ids }))).toEqual({ marked: 0, unread: 25 });
    // Carol's stays unread whatever Ada sends, even naming Carol as the user.
    expect(await asUser(ada, (tx) => markNotificationsRead(tx, { businessId: salon, userId: carol, ids: "all" }))).toEqual({ marked: 0, unread: 0 });
    expect((await asUser(carol, (tx) => getNotification(tx, { businessId: salon, userId: carol, notificationId: carolsNotification })))?.readAt).toBeNull();
    expect(await asUser(ada, (tx) => markNotificationsRead(tx, { businessId: salon, userId: ada, ids: "all" }))).toEqual({ marked: 25, unread: 0 });
    const first = await asUser(ada, (tx) => getNotification(tx, { businessId: salon, userId: ada, notificationId: items[0]!.id }));
    expect(first?.readAt).toEqual(expect.any(String));
  });

  it("hides other people's notifications and other businesses'", async () => {
    const { ada, bob, salon, bikes, carolsNotification } = await seed();
    expect(await asUser(ada, (tx) => getNotification(tx, { businessId: salon, userId: ada, notificationId: carolsNotification }))).toBeNull();
    expect((await asUser(bob, (tx) => listNotifications(tx, { businessId: salon, userId: ada, limit: 10 }))).items).toEqual([]);
    expect((await asUser(ada, (tx) => listNotifications(tx, { businessId: bikes, userId: ada, limit: 10 }))).unread).toBe(0);
  });
});

describe("push devices", () => {
  const t = withTestDatabase();
  const subscription = (n: number) => ({
    endpoint: `https://push.example.com/send/device-${n}`,
    keys: { p256dh: "B".repeat(87), auth: "a".repeat(22) },
    device: `Phone ${n}`,
  });

  it("are listed and removed by their owner only", async () => {
    const { ada, carol } = await notificationWorld(t.database);
    await withServiceRole((tx) => saveSubscription(tx, { userId: ada, subscription: subscription(1) }));
    expect((await asUser(ada, (tx) => listDevices(tx, { userId: ada }))).map((d) => d.device)).toEqual(["Phone 1"]);
    expect(await asUser(carol, (tx) => listDevices(tx, { userId: ada }))).toEqual([]);
    expect(await asUser(carol, (tx) => removeDevice(tx, { userId: ada, endpoint: subscription(1).endpoint }))).toBe(false);
    expect(await asUser(ada, (tx) => removeDevice(tx, { userId: ada, endpoint: subscription(1).endpoint }))).toBe(true);
    expect(await asUser(ada, (tx) => listDevices(tx, { userId: ada }))).toEqual([]);
  });

  it("move to whoever subscribes the same browser next, with fresh keys", async () => {
    const { ada, carol } = await notificationWorld(t.database);
    const first = await withServiceRole((tx) => saveSubscription(tx, { userId: ada, subscription: subscription(1) }));
    const again = await withServiceRole((tx) =>
      saveSubscription(tx, { userId: carol, subscription: { ...subscription(1), keys: { p256dh: "C".repeat(87), auth: "b".repeat(22) } } }),
    );
    expect(again).toBe(first);
    expect(await asUser(ada, (tx) => listDevices(tx, { userId: ada }))).toEqual([]);
    expect((await asUser(carol, (tx) => listDevices(tx, { userId: carol }))).map((d) => d.device)).toEqual(["Phone 1"]);
    expect(await t.database.runner.query("select p256dh from push_subscriptions")).toEqual([{ p256dh: "C".repeat(87) }]);
  });

  it(`keep a person's newest ${MAX_DEVICES}`, async () => {
    const { ada } = await notificationWorld(t.database);
    for (let n = 1; n <= MAX_DEVICES + 2; n += 1) {
      await withServiceRole((tx) => saveSubscription(tx, { userId: ada, subscription: subscription(n) }));
    }
    const devices = (await asUser(ada, (tx) => listDevices(tx, { userId: ada }))).map((d) => d.device);
    expect(devices.length).toBe(MAX_DEVICES);
    expect(devices).not.toContain("Phone 1");
    expect(devices).not.toContain("Phone 2");
    expect(devices).toContain(`Phone ${MAX_DEVICES + 2}`);
  });
});
