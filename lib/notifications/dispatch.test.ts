import { generateVAPIDKeys } from "web-push";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { withServiceRole } from "@/lib/db";
import { useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { closeRealtimeBus } from "@/lib/realtime/bus";
import { DISPATCH_WINDOW_MS, dispatchNotification, dispatchPendingNotifications, startNotificationDispatcher } from "./dispatch";
import { notifyHandoff } from "./recipients";
import { notificationWorld, setPreferences, startFakePushService, waitingConversation } from "./test-support";
import { resetVapidForTests } from "./vapid";

const vapidKeys = generateVAPIDKeys();
let service: Awaited<ReturnType<typeof startFakePushService>>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  service = await startFakePushService();
  process.env.VAPID_PUBLIC_KEY = vapidKeys.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapidKeys.privateKey;
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
  service.received.length = 0;
});

// Midday on a Monday in London: nobody's quiet hours unless a test sets some.
const noon = new Date("2026-11-30T12:00:00Z");

describe("dispatching a notification", () => {
  const t = withTestDatabase();

  async function setup() {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: noon });
    const phone = service.device(`/ok/carol-${conversation}`);
    await t.database.runner.query("insert into push_subscriptions (user_id, endpoint, p256dh, auth, device) values ($1, $2, $3, $4, 'Carol phone')", [
      w.carol,
      phone.endpoint,
      phone.p256dh,
      phone.auth,
    ]);
    const notify = (type: "handoff" | "mention" = "handoff") =>
      withServiceRole((tx) =>
        notifyHandoff(tx, { businessId: w.salon, conversationId: conversation, type, title: "Jane needs a person", body: "asked for a person" }, noon),
      );
    const rowFor = async (userId: string) =>
      (
        await t.database.runner.query<{ id: string; pushed_at: Date | null; emailed_at: Date | null }>(
          "select id, pushed_at, emailed_at from notifications where user_id = $1",
          [userId],
        )
      )[0]!;
    const emails = () => t.database.runner.query<{ kind: string; to_email: string; subject: string; body_text: string }>("select kind, to_email, subject, body_text from email_outbox");
    return { ...w, conversation, phone, notify, rowFor, emails };
  }

  it("pushes to the person's devices with a link to the conversation, emails them, and marks both done", async () => {
    const { salon, carol, conversation, phone, notify, rowFor, emails } = await setup();
    await notify();
    const row = await rowFor(carol);
    const result = await dispatchNotification({ businessId: salon, notificationId: row.id }, noon);
    expect(result).toEqual({ notificationId: row.id, pushed: { sent: 1, removed: 0, failed: 0 }, emailed: true });

    expect(service.received).toHaveLength(1);
    expect(service.read(service.received[0]!, phone)).toEqual({
      title: "Jane needs a person",
      body: "asked for a person",
      url: `/b/${salon}/inbox/${conversation}`,
      tag: `frontdesk-${conversation}`,
    });
    const link = `${getConfig().appUrl}/b/${salon}/inbox/${conversation}`;
    expect(await emails()).toContainEqual({
      kind: "notification",
      to_email: "carol@adas-salon.test",
      subject: "Jane needs a person · Ada's Salon",
      body_text: expect.stringContaining(`Open the conversation: ${link}`),
    });
    expect(await rowFor(carol)).toMatchObject({ pushed_at: expect.any(Date), emailed_at: expect.any(Date) });
  });

  it("sends nothing twice, however many dispatchers see the row", async () => {
    const { salon, carol, notify, rowFor, emails } = await setup();
    await notify();
    const { id } = await rowFor(carol);
    const results = await Promise.all([
      dispatchNotification({ businessId: salon, notificationId: id }, noon),
      dispatchNotification({ businessId: salon, notificationId: id }, noon),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await dispatchNotification({ businessId: salon, notificationId: id }, noon)).toBeNull();
    expect(service.received).toHaveLength(1);
    expect((await emails()).filter((e) => e.to_email === "carol@adas-salon.test")).toHaveLength(1);
  });

  it("follows the person's preferences: no email for a mention by default, nothing in quiet hours", async () => {
    const { salon, carol, conversation, notify, rowFor, emails } = await setup();
    await notify("mention");
    const mention = await rowFor(carol);
    expect(await dispatchNotification({ businessId: salon, notificationId: mention.id }, noon)).toMatchObject({ pushed: { sent: 1 }, emailed: false });
    expect(await emails()).toEqual([]);
    // The row is still marked dispatched, so the sweep does not try again.
    expect((await rowFor(carol)).pushed_at).not.toBeNull();

    await t.database.runner.query("delete from notifications");
    await setPreferences(t.database, { businessId: salon, userId: carol, quietStart: "11:00", quietEnd: "13:00", timeZone: "Europe/London" });
    // A handoff skips her in quiet hours; an escalation to owners or a mention still reaches her row.
    await t.database.runner.query("insert into notifications (business_id, user_id, type, title, conversation_id) values ($1, $2, 'handoff', 'Jane needs a person', $3)", [
      salon,
      carol,
      conversation,
    ]);
    const quiet = await rowFor(carol);
    expect(await dispatchNotification({ businessId: salon, notificationId: quiet.id }, noon)).toEqual({ notificationId: quiet.id, pushed: null, emailed: false });
    expect(service.received).toHaveLength(1);
  });

  it("needs the business id the row belongs to", async () => {
    const { bikes, carol, notify, rowFor } = await setup();
    await notify();
    expect(await dispatchNotification({ businessId: bikes, notificationId: (await rowFor(carol)).id }, noon)).toBeNull();
    expect((await rowFor(carol)).pushed_at).toBeNull();
  });

  it("the sweep dispatches what is pending from the last 15 minutes and leaves older rows alone", async () => {
    const { ada, carol, dan, notify, rowFor } = await setup();
    await notify();
    await t.database.runner.query("update notifications set created_at = now() - make_interval(secs => $2) where user_id = $1", [
      ada,
      DISPATCH_WINDOW_MS / 1000 + 60,
    ]);
    const results = await dispatchPendingNotifications(new Date());
    expect(results.map((r) => r.notificationId).sort()).toEqual([(await rowFor(carol)).id, (await rowFor(dan)).id].sort());
    expect((await rowFor(ada)).pushed_at).toBeNull();
    expect(service.received).toHaveLength(1);
    expect(await dispatchPendingNotifications(new Date())).toEqual([]);
  });
});

describe("the notification dispatcher", () => {
  const t = withTestDatabase();
  let stop: (() => void) | undefined;

  afterEach(async () => {
    stop?.();
    stop = undefined;
    await closeRealtimeBus();
  });

  it("pushes as soon as a notification row commits", async () => {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: new Date() });
    const phone = service.device("/ok/ada-live");
    await t.database.runner.query("insert into push_subscriptions (user_id, endpoint, p256dh, auth) values ($1, $2, $3, $4)", [
      w.ada,
      phone.endpoint,
      phone.p256dh,
      phone.auth,
    ]);
    stop = await startNotificationDispatcher();
    await withServiceRole((tx) =>
      notifyHandoff(tx, { businessId: w.salon, conversationId: conversation, type: "handoff", title: "Jane needs a person", body: "" }),
    );
    const deadline = Date.now() + 10_000;
    while (service.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.received).toHaveLength(1);
    expect(service.read(service.received[0]!, phone)).toMatchObject({ title: "Jane needs a person", url: `/b/${w.salon}/inbox/${conversation}` });
    // Every member's row was claimed by the dispatcher, not left for the sweep.
    const deadlineRows = Date.now() + 10_000;
    let pending = 3;
    while (pending > 0 && Date.now() < deadlineRows) {
      pending = (await t.database.runner.query<{ n: number }>("select count(*)::int as n from notifications where pushed_at is null"))[0]!.n;
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(pending).toBe(0);
  });
});
