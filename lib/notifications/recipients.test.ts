import { describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { notifyHandoff, notifyOwners } from "./recipients";
import { notificationsOf, notificationWorld, setPreferences, waitingConversation } from "./test-support";

// 23:00 UTC on a Monday in winter: 23:00 in London, 08:00 the next morning in Tokyo.
const night = new Date("2026-11-30T23:00:00Z");

describe("notifyHandoff", () => {
  const t = withTestDatabase();

  async function setup() {
    const w = await notificationWorld(t.database);
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: night });
    const draft = { businessId: w.salon, conversationId: conversation, type: "handoff" as const, title: "Jane needs a person", body: "asked for a person" };
    return { ...w, conversation, draft };
  }

  it("tells every member on duty (all of them by default) and returns the new rows' ids", async () => {
    const { ada, carol, dan, salon, conversation, draft } = await setup();
    const ids = await withServiceRole((tx) => notifyHandoff(tx, draft, night));
    const rows = await notificationsOf(t.database, salon);
    expect(rows.map((r) => r.user_id).sort()).toEqual([ada, carol, dan].sort());
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(rows[0]).toMatchObject({ type: "handoff", title: "Jane needs a person", body: "asked for a person", conversation_id: conversation });
  });

  it("skips members off duty or in their quiet hours, in their own time zone", async () => {
    const { ada, carol, dan, salon, draft } = await setup();
    await setPreferences(t.database, { businessId: salon, userId: ada, onDuty: false });
    await setPreferences(t.database, { businessId: salon, userId: carol, quietStart: "22:00", quietEnd: "07:00", timeZone: "Europe/London" });
    // Dan keeps the same quiet hours but lives in Tokyo, where it is 08:00.
    await setPreferences(t.database, { businessId: salon, userId: dan, quietStart: "22:00", quietEnd: "07:00", timeZone: "Asia/Tokyo" });
    await withServiceRole((tx) => notifyHandoff(tx, draft, night));
    expect((await notificationsOf(t.database, salon)).map((r) => r.user_id)).toEqual([dan]);
  });

  it("falls back to the owners when nobody is on duty, so a waiting customer is never unheard", async () => {
    const { ada, carol, dan, salon, draft } = await setup();
    await setPreferences(t.database, { businessId: salon, userId: ada, onDuty: false });
    await setPreferences(t.database, { businessId: salon, userId: carol, onDuty: false });
    await setPreferences(t.database, { businessId: salon, userId: dan, quietStart: "22:00", quietEnd: "07:00" });
    await withServiceRole((tx) => notifyHandoff(tx, draft, night));
    expect((await notificationsOf(t.database, salon)).map((r) => r.user_id)).toEqual([ada]);
  });

  it("only ever reaches members of the named business, and clips long texts to the columns' limits", async () => {
    const { bob, bikes, salon, draft } = await setup();
    await withServiceRole((tx) => notifyHandoff(tx, { ...draft, title: "t".repeat(500), body: "b".repeat(5000) }, night));
    const rows = await notificationsOf(t.database, salon);
    expect(rows.every((r) => r.user_id !== bob)).toBe(true);
    expect(rows[0]!.title.length).toBe(200);
    expect(rows[0]!.body.length).toBe(2000);
    expect(await notificationsOf(t.database, bikes)).toEqual([]);
  });
});

describe("notifyOwners", () => {
  const t = withTestDatabase();

  it("tells the owners only, on duty or not", async () => {
    const w = await notificationWorld(t.database);
    await setPreferences(t.database, { businessId: w.salon, userId: w.ada, onDuty: false });
    const conversation = await waitingConversation(t.database, { businessId: w.salon, handedOffAt: night });
    const ids = await withServiceRole((tx) =>
      notifyOwners(tx, { businessId: w.salon, conversationId: conversation, type: "sla_escalation", title: "Unanswered", body: "" }),
    );
    const rows = await notificationsOf(t.database, w.salon);
    expect(rows.map((r) => [r.user_id, r.type])).toEqual([[w.ada, "sla_escalation"]]);
    expect(ids).toEqual([rows[0]!.id]);
  });
});
