import { describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { advanceSlaStage, nextOpeningAt, runSlaChecks, slaDueAt, slaStage, slaTimeline } from "./sla";
import { notificationsOf, notificationWorld, SALON_HOURS, setPreferences, waitingConversation } from "./test-support";

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
const london = { openingHours: SALON_HOURS, timeZone: "Europe/London" };

// 30 November 2026 is a Monday; London is on GMT (UTC+0) then.
describe("slaTimeline", () => {
  it("starts at the handoff during opening hours", () => {
    const timeline = slaTimeline({ handedOffAt: at("2026-11-30T10:00:00Z"), afterHours: false, slaMinutes: 5, ...london });
    expect(timeline).toEqual({ startsAt: at("2026-11-30T10:00:00Z"), remindAt: at("2026-11-30T10:05:00Z"), escalateAt: at("2026-11-30T10:10:00Z") });
  });

  it("follows a custom SLA", () => {
    const timeline = slaTimeline({ handedOffAt: at("2026-11-30T10:00:00Z"), afterHours: false, slaMinutes: 15, ...london });
    expect(timeline.remindAt).toEqual(at("2026-11-30T10:15:00Z"));
    expect(timeline.escalateAt).toEqual(at("2026-11-30T10:30:00Z"));
  });

  it("after hours, starts at the next opening: the next morning, later the same morning, or Monday after a weekend", () => {
    const start = (iso: string) => slaTimeline({ handedOffAt: at(iso), afterHours: true, slaMinutes: 5, ...london }).startsAt;
    expect(start("2026-11-30T18:00:00Z")).toEqual(at("2026-12-01T09:00:00Z"));
    expect(start("2026-12-01T07:00:00Z")).toEqual(at("2026-12-01T09:00:00Z"));
    expect(start("2026-12-04T17:00:00Z")).toEqual(at("2026-12-07T09:00:00Z"));
    expect(start("2026-12-05T12:00:00Z")).toEqual(at("2026-12-07T09:00:00Z"));
    // Across the end of a month and a year.
    expect(start("2026-12-31T20:00:00Z")).toEqual(at("2027-01-01T09:00:00Z"));
    expect(slaTimeline({ handedOffAt: at("2026-11-30T18:00:00Z"), afterHours: true, slaMinutes: 5, ...london }).remindAt).toEqual(
      at("2026-12-01T09:05:00Z"),
    );
  });

  it("opens in the business's own zone, across daylight saving changes", () => {
    const newYork = { openingHours: SALON_HOURS, timeZone: "America/New_York" };
    // Sunday 22:00 in New York (03:00 UTC Monday) → Monday 09:00 EST = 14:00 UTC.
    expect(slaTimeline({ handedOffAt: at("2026-11-30T03:00:00Z"), afterHours: true, slaMinutes: 5, ...newYork }).startsAt).toEqual(
      at("2026-11-30T14:00:00Z"),
    );
    // London springs forward on Sunday 29 March 2026: Saturday evening's handoff waits for Monday 09:00 BST = 08:00 UTC.
    expect(nextOpeningAt(SALON_HOURS, "Europe/London", at("2026-03-28T18:00:00Z"))).toEqual(at("2026-03-30T08:00:00Z"));
    // And falls back on 25 October: Friday 23 October 18:00 BST → Monday 26 October 09:00 GMT.
    expect(nextOpeningAt(SALON_HOURS, "Europe/London", at("2026-10-23T17:00:00Z"))).toEqual(at("2026-10-26T09:00:00Z"));
    // A zone ahead of UTC whose local date is already tomorrow: 23:00 UTC Monday is 08:00 Tuesday in Tokyo.
    expect(nextOpeningAt(SALON_HOURS, "Asia/Tokyo", at("2026-11-30T23:00:00Z"))).toEqual(at("2026-12-01T00:00:00Z"));
  });

  it("starts at once when the business has no hours to wait for", () => {
    expect(slaTimeline({ handedOffAt: at("2026-11-30T23:00:00Z"), afterHours: true, slaMinutes: 5, openingHours: {}, timeZone: "UTC" }).startsAt).toEqual(
      at("2026-11-30T23:00:00Z"),
    );
  });
});

describe("slaStage", () => {
  it("is 0 before the reminder, 1 from it, 2 from the escalation", () => {
    const timeline = slaTimeline({ handedOffAt: at("2026-11-30T10:00:00Z"), afterHours: false, slaMinutes: 5, ...london });
    expect(slaStage(timeline, at("2026-11-30T10:04:59Z"))).toBe(0);
    expect(slaStage(timeline, at("2026-11-30T10:05:00Z"))).toBe(1);
    expect(slaStage(timeline, at("2026-11-30T10:09:59Z"))).toBe(1);
    expect(slaStage(timeline, at("2026-11-30T10:10:00Z"))).toBe(2);
  });
});

describe("slaDueAt", () => {
  const business = { handoffSlaMinutes: 5, ...london };
  const waiting = { status: "needs_human" as const, handedOffAt: at("2026-11-30T10:00:00Z"), firstOpenedAt: null, firstResponseAt: null };

  it("is the reminder time while nobody has opened or answered", () => {
    expect(slaDueAt(waiting, business)).toEqual(at("2026-11-30T10:05:00Z"));
    // Handed off in the evening: due five minutes after the next opening, judged by the hours, not a flag.
    expect(slaDueAt({ ...waiting, handedOffAt: at("2026-11-30T19:00:00Z") }, business)).toEqual(at("2026-12-01T09:05:00Z"));
  });

  it("is null once someone opened or answered, or when no person is awaited", () => {
    expect(slaDueAt({ ...waiting, firstOpenedAt: at("2026-11-30T10:01:00Z") }, business)).toBeNull();
    expect(slaDueAt({ ...waiting, firstResponseAt: at("2026-11-30T10:01:00Z") }, business)).toBeNull();
    expect(slaDueAt({ ...waiting, status: "human" }, business)).toBeNull();
    expect(slaDueAt({ ...waiting, handedOffAt: null }, business)).toBeNull();
  });
});

describe("runSlaChecks", () => {
  const t = withTestDatabase();
  const handedOffAt = at("2026-11-30T10:00:00Z");
  const stageOf = async (conversationId: string) =>
    Number((await t.database.runner.query<{ sla_stage: number }>("select sla_stage from conversations where id = $1", [conversationId]))[0]!.sla_stage);

  it("re-notifies the members on duty at the SLA, then escalates to the owners at twice the SLA, once each", async () => {
    const w = await notificationWorld(t.database);
    await setPreferences(t.database, { businessId: w.salon, userId: w.carol, onDuty: false });
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });

    expect(await runSlaChecks(plus(handedOffAt, minutes(4)))).toEqual([]);
    expect(await runSlaChecks(plus(handedOffAt, minutes(5)))).toEqual([{ conversationId: conversation, stage: 1 }]);
    const reminders = await notificationsOf(t.database, w.salon);
    expect(reminders.map((n) => [n.type, n.user_id]).sort()).toEqual([["sla_reminder", w.ada], ["sla_reminder", w.dan]].sort());
    expect(reminders[0]).toMatchObject({ title: "Still waiting: Jane", conversation_id: conversation });
    expect(await runSlaChecks(plus(handedOffAt, minutes(7)))).toEqual([]);

    expect(await runSlaChecks(plus(handedOffAt, minutes(10)))).toEqual([{ conversationId: conversation, stage: 2 }]);
    const escalations = (await notificationsOf(t.database, w.salon)).filter((n) => n.type === "sla_escalation");
    expect(escalations.map((n) => n.user_id)).toEqual([w.ada]);
    expect(escalations[0]!.title).toBe("Unanswered for 10 minutes: Jane");
    expect(await runSlaChecks(plus(handedOffAt, minutes(60)))).toEqual([]);
    expect(await stageOf(conversation)).toBe(2);
    expect(await notificationsOf(t.database, w.bikes)).toEqual([]);
  });

  it("stops once someone opens or answers, or the conversation is taken", async () => {
    const w = await notificationWorld(t.database);
    const opened = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    const answered = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    const taken = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    await t.database.runner.query("update conversations set first_opened_at = $2 where id = $1", [opened, plus(handedOffAt, minutes(1)).toISOString()]);
    await t.database.runner.query("update conversations set first_response_at = $2 where id = $1", [answered, plus(handedOffAt, minutes(2)).toISOString()]);
    await t.database.runner.query("update conversations set status = 'human' where id = $1", [taken]);
    expect(await runSlaChecks(plus(handedOffAt, minutes(30)))).toEqual([]);
    expect(await notificationsOf(t.database, w.salon)).toEqual([]);
  });

  it("goes straight to the escalation when a run finds the conversation two stages late", async () => {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    expect(await runSlaChecks(plus(handedOffAt, minutes(30)))).toEqual([{ conversationId: conversation, stage: 2 }]);
    expect((await notificationsOf(t.database, w.salon)).map((n) => [n.type, n.user_id])).toEqual([["sla_escalation", w.ada]]);
  });

  it("works through every waiting conversation in pages, not only the oldest ones", async () => {
    const w = await notificationWorld(t.database);
    const evening = at("2026-11-30T18:00:00Z");
    for (let i = 0; i < 3; i += 1) await waitingConversation(t.database, { businessId: w.salon, handedOffAt: plus(evening, minutes(i)) });
    const morning = at("2026-12-01T10:00:00Z");
    const due = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: morning });
    // Pages of two: the three evening handoffs come first in the queue; the morning one must still be reached.
    expect(await runSlaChecks(plus(morning, minutes(5)), 2)).toContainEqual({ conversationId: due, stage: 1 });
  });

  it("waits for the morning after an evening handoff, and follows the business's own SLA", async () => {
    const w = await notificationWorld(t.database);
    await t.database.runner.query("update businesses set handoff_sla_minutes = 15 where id = $1", [w.salon]);
    const evening = at("2026-11-30T18:00:00Z");
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: evening });
    expect(await runSlaChecks(at("2026-11-30T23:00:00Z"))).toEqual([]);
    expect(await runSlaChecks(at("2026-12-01T09:14:00Z"))).toEqual([]);
    expect(await runSlaChecks(at("2026-12-01T09:15:00Z"))).toEqual([{ conversationId: conversation, stage: 1 }]);
    expect(await runSlaChecks(at("2026-12-01T09:30:00Z"))).toEqual([{ conversationId: conversation, stage: 2 }]);
  });

  it("notifies once when two runs race for the same conversation", async () => {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    const now = plus(handedOffAt, minutes(6));
    const [first, second] = await Promise.all([runSlaChecks(now), runSlaChecks(now)]);
    expect([...first, ...second]).toEqual([{ conversationId: conversation, stage: 1 }]);
    // Three members on duty, one reminder each: not six.
    expect((await notificationsOf(t.database, w.salon)).length).toBe(3);
    expect(await stageOf(conversation)).toBe(1);
  });

  it("advances a stage only from the stage the caller saw", async () => {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt });
    const candidate = { id: conversation, businessId: w.salon, stage: 0 as const, contactName: "Jane" };
    const now = plus(handedOffAt, minutes(6));
    // Both callers read stage 0 before either wrote: the second one's update matches nothing.
    expect(await withServiceRole((tx) => advanceSlaStage(tx, { candidate, to: 1, slaMinutes: 5, now }))).toBe(true);
    expect(await withServiceRole((tx) => advanceSlaStage(tx, { candidate, to: 1, slaMinutes: 5, now }))).toBe(false);
    // And a candidate from another business's id never moves this conversation.
    expect(await withServiceRole((tx) => advanceSlaStage(tx, { candidate: { ...candidate, stage: 1, businessId: w.bikes }, to: 2, slaMinutes: 5, now }))).toBe(
      false,
    );
    expect((await notificationsOf(t.database, w.salon)).length).toBe(3);
  });
});
