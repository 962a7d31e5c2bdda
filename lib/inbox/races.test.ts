import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { withUser } from "@/lib/db";
import { claimsFor } from "@/lib/db/testing";
import { useMigratedPostgres } from "@/lib/db/testing-postgres";
import { ApiError } from "@/lib/http/errors";
import { runSlaChecks } from "@/lib/notifications/sla";
import { notificationWorld, waitingConversation } from "@/lib/notifications/test-support";
import { sleep } from "@/lib/realtime/testing";
import { handBackConversation, resolveConversation, takeOverConversation } from "./actions";
import { sendMessageInput } from "./api";
import { sendStaffMessage } from "./replies";

/**
 * The inbox's races, run for real: PGlite runs one transaction at a time, so there two "concurrent" changes simply run
 * one after the other and a check-then-write implementation would pass. Here each contender has its own connection and
 * transaction on a real Postgres server, and a barrier makes the race happen every time: a third connection holds the
 * conversation's row lock while both contenders do their reads and reach their writes (and queue on the lock, in the
 * order they were started), then lets go. Whatever a contender decided from its read is then stale, and only a
 * decision taken on the locked row (a conditional update, a `case` over the row's current values) comes out right.
 */

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Outcome<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

describe("inbox races on a real Postgres server", () => {
  const pg = useMigratedPostgres();
  const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);

  /**
   * Holds the conversation's row lock (FOR UPDATE, which also holds back the key-share lock a new message's foreign
   * key takes) until `release()`. `queued(n)` resolves once n transactions are waiting for a lock in this database:
   * each contender has then done its reads and reached its write.
   */
  async function barrier(conversationId: string) {
    const holder = pg.connect();
    const observer = pg.connect();
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.begin(async (tx: postgres.TransactionSql) => {
      await tx`select 1 from public.conversations where id = ${conversationId} for update`;
      locked();
      await released;
    });
    await isLocked;
    return {
      async queued(n: number) {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const [row] = await observer<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
          if (row!.waiting === n) return;
          if (Date.now() > deadline) throw new Error(`expected ${n} transactions waiting for the row lock, found ${row!.waiting}`);
          await sleep(5);
        }
      },
      async release() {
        letGo();
        await holding;
      },
    };
  }

  /** Ada owns Ada's Salon, Dan is her admin and Carol her agent; a visitor's conversation waits for a person. */
  async function world() {
    const people = await notificationWorld(pg.database);
    const conversationId = await waitingConversation(pg.database, { businessId: people.salon, handedOffAt: new Date() });
    return { ...people, conversationId };
  }

  async function conversationRow(conversationId: string) {
    const [row] = await pg.database.runner.query<{ status: string; assignee_id: string | null; sla_stage: number }>(
      "select status, assignee_id, sla_stage from conversations where id = $1",
      [conversationId],
    );
    return row!;
  }

  it("two take-overs of one conversation: exactly one wins, the other gets a 409 naming the winner", async () => {
    const { ada, carol, salon, conversationId } = await world();
    const scope = { businessId: salon, conversationId };
    const lock = await barrier(conversationId);
    const adaTakes = settle(asUser(ada, (tx) => takeOverConversation(tx, { ...scope, userId: ada })));
    await lock.queued(1);
    const carolTakes = settle(asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol })));
    await lock.queued(2);
    await lock.release();

    const [first, second] = await Promise.all([adaTakes, carolTakes]);
    expect(first).toMatchObject({ ok: true, value: { status: "human", assignee: { userId: ada, name: "Ada" } } });
    expect(second.ok).toBe(false);
    const lost = (second as { error: unknown }).error;
    expect(lost).toBeInstanceOf(ApiError);
    expect(lost).toMatchObject({ status: 409, code: "conflict", message: "Ada already took over this conversation" });
    expect(await conversationRow(conversationId)).toMatchObject({ status: "human", assignee_id: ada });
  });

  it("a reply racing a take-over decides on the locked row: the take-over keeps its owner, the reply is stored", async () => {
    const { ada, carol, salon, conversationId } = await world();
    const scope = { businessId: salon, conversationId };
    const lock = await barrier(conversationId);
    const carolTakes = settle(asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol })));
    await lock.queued(1);
    // Ada read the conversation as nobody's; by the time her reply's update has the row, it is Carol's.
    const adaReplies = settle(asUser(ada, (tx) => sendStaffMessage(tx, { ...scope, userId: ada }, sendMessageInput.parse({ kind: "reply", text: "Hi, how can I help?" }))));
    await lock.queued(2);
    await lock.release();

    const [takeOver, reply] = await Promise.all([carolTakes, adaReplies]);
    expect(takeOver).toMatchObject({ ok: true, value: { status: "human", assignee: { userId: carol } } });
    expect(reply).toMatchObject({ ok: true, value: { message: { content: "Hi, how can I help?" }, conversation: { status: "human", assignee: { userId: carol } } } });
    expect(await conversationRow(conversationId)).toMatchObject({ status: "human", assignee_id: carol });
  });

  it("a reply racing a hand back or a resolve by the owner goes to the replier: the owner had let the conversation go", async () => {
    const { ada, carol, salon } = await world();
    for (const [name, letGo] of [["hand back", handBackConversation], ["resolve", resolveConversation]] as const) {
      const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt: new Date() });
      const scope = { businessId: salon, conversationId };
      await asUser(ada, (tx) => takeOverConversation(tx, { ...scope, userId: ada }));
      const lock = await barrier(conversationId);
      const adaLetsGo = settle(asUser(ada, (tx) => letGo(tx, { ...scope, userId: ada })));
      await lock.queued(1);
      // Carol read the conversation as Ada's; when her reply's update has the row, Ada no longer holds it.
      const carolReplies = settle(asUser(carol, (tx) => sendStaffMessage(tx, { ...scope, userId: carol }, sendMessageInput.parse({ kind: "reply", text: "I can help" }))));
      await lock.queued(2);
      await lock.release();
      const [first, reply] = await Promise.all([adaLetsGo, carolReplies]);
      expect(first.ok, name).toBe(true);
      expect(reply, name).toMatchObject({ ok: true, value: { conversation: { status: "human", assignee: { userId: carol }, resolvedAt: null } } });
      expect(await conversationRow(conversationId), name).toMatchObject({ status: "human", assignee_id: carol });
    }
  });

  it("hand back racing a take-over: both apply, in the order they got the row, and the state is the later one's, whole", async () => {
    const { ada, carol, salon } = await world();
    for (const takeOverFirst of [true, false]) {
      const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt: new Date() });
      const scope = { businessId: salon, conversationId };
      const takeOver = () => settle(asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol })));
      const handBack = () => settle(asUser(ada, (tx) => handBackConversation(tx, { ...scope, userId: ada })));
      const lock = await barrier(conversationId);
      const first = takeOverFirst ? takeOver() : handBack();
      await lock.queued(1);
      const second = takeOverFirst ? handBack() : takeOver();
      await lock.queued(2);
      await lock.release();
      // Each is allowed from where the other leaves the conversation, so neither is refused: what must hold is that
      // the result is one of the two orders, never a mix (the assistant answering a conversation Carol still owns).
      expect((await Promise.all([first, second])).map((r) => r.ok)).toEqual([true, true]);
      expect(await conversationRow(conversationId)).toEqual(
        takeOverFirst ? { status: "ai", assignee_id: null, sla_stage: 0 } : { status: "human", assignee_id: carol, sla_stage: 0 },
      );
    }
  });

  it("the SLA job running twice at once advances the clock and notifies once", async () => {
    // Monday 30 November 2026, 10:00 in London (GMT), inside the salon's hours; the default SLA is five minutes.
    const handedOffAt = new Date("2026-11-30T10:00:00Z");
    const now = new Date("2026-11-30T10:06:00Z");
    const { salon } = await notificationWorld(pg.database);
    const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt });
    const lock = await barrier(conversationId);
    // Two app instances (or the in-process timer and the scheduler): both read the conversation as due at stage 0.
    const one = runSlaChecks(now);
    await lock.queued(1);
    const other = runSlaChecks(now);
    await lock.queued(2);
    await lock.release();

    const runs = await Promise.all([one, other]);
    expect(runs).toEqual([[{ conversationId, stage: 1 }], []]);
    expect((await conversationRow(conversationId)).sla_stage).toBe(1);
    const reminders = await pg.database.runner.query<{ user_id: string; n: number }>(
      "select user_id, count(*)::int as n from notifications where conversation_id = $1 and type = 'sla_reminder' group by user_id",
      [conversationId],
    );
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.n === 1)).toBe(true);
  });
});
