import { describe, expect, it } from "vitest";
import { withUser, type Db } from "@/lib/db";
import { claimsFor } from "@/lib/db/testing";
import { gate, holdRowLock, lockWaiters, useMigratedPostgres } from "@/lib/db/testing-postgres";
import { ApiError } from "@/lib/http/errors";
import { runSlaChecks } from "@/lib/notifications/sla";
import { notificationWorld, waitingConversation } from "@/lib/notifications/test-support";
import { handBackConversation, markConversationRead, resolveConversation, takeOverConversation } from "./actions";
import { sendMessageInput } from "./api";
import { sendStaffMessage } from "./replies";

/**
 * The inbox's races, run for real: PGlite runs one transaction at a time, so there two "concurrent" changes simply run
 * one after the other and a check-then-write implementation passes. Here each contender has its own connection and
 * transaction on a real Postgres server, and a barrier makes the race happen every time, in a chosen order: the first
 * contender makes its change and is held before it commits; the second then reads the conversation as it was, reaches
 * its own write and waits for the row; the first commits. Whatever the second decided from its read is stale by then,
 * and only a decision taken on the locked row (a conditional update, a `case` over the row's current values) comes out
 * right.
 */

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Outcome<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

describe("inbox races on a real Postgres server", () => {
  const pg = useMigratedPostgres();
  const asUser = <T>(userId: string, fn: (tx: Db) => Promise<T>) => withUser(claimsFor(userId), fn);

  /**
   * `first` runs in its own transaction and is held open after its change; `second` starts, and once it waits for the
   * row, `first` commits. Returns both outcomes.
   */
  async function race<A, B>(first: (hold: (value: A) => Promise<A>) => Promise<A>, second: () => Promise<B>) {
    const held = gate();
    let changed!: () => void;
    const hasChanged = new Promise<void>((resolve) => (changed = resolve));
    const one = settle(
      first(async (value) => {
        changed();
        await held.passed;
        return value;
      }),
    );
    // A first contender that fails before its change must fail the test here, not leave it waiting.
    await Promise.race([hasChanged, one]);
    const two = settle(second());
    await lockWaiters(pg, 1);
    held.open();
    return Promise.all([one, two]);
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

  const reply = (text: string) => sendMessageInput.parse({ kind: "reply", text });

  it("two take-overs of one conversation: exactly one wins, the other gets a 409 naming the winner", async () => {
    const { ada, carol, salon, conversationId } = await world();
    const scope = { businessId: salon, conversationId };
    const [adaTakes, carolTakes] = await race(
      (hold) => asUser(ada, async (tx) => hold(await takeOverConversation(tx, { ...scope, userId: ada }))),
      // Carol read the conversation as waiting: Ada's take-over had not committed.
      () => asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol })),
    );
    expect(adaTakes).toMatchObject({ ok: true, value: { status: "human", assignee: { userId: ada, name: "Ada" } } });
    expect(carolTakes.ok).toBe(false);
    const lost = (carolTakes as { error: unknown }).error;
    expect(lost).toBeInstanceOf(ApiError);
    expect(lost).toMatchObject({ status: 409, code: "conflict", message: "Ada already took over this conversation" });
    expect(await conversationRow(conversationId)).toMatchObject({ status: "human", assignee_id: ada });
  });

  it("a reply racing a take-over decides on the locked row: the take-over keeps its owner, the reply is stored", async () => {
    const { ada, carol, salon, conversationId } = await world();
    const scope = { businessId: salon, conversationId };
    const [takeOver, replied] = await race(
      (hold) => asUser(carol, async (tx) => hold(await takeOverConversation(tx, { ...scope, userId: carol }))),
      // Ada read the conversation as nobody's; when her reply's update has the row, it is Carol's.
      () => asUser(ada, (tx) => sendStaffMessage(tx, { ...scope, userId: ada }, reply("Hi, how can I help?"))),
    );
    expect(takeOver).toMatchObject({ ok: true, value: { status: "human", assignee: { userId: carol } } });
    expect(replied).toMatchObject({ ok: true, value: { message: { content: "Hi, how can I help?" }, conversation: { status: "human", assignee: { userId: carol } } } });
    expect(await conversationRow(conversationId)).toMatchObject({ status: "human", assignee_id: carol });
  });

  it("a reply racing the owner's hand back or resolve goes to the replier: the owner had let the conversation go", async () => {
    const { ada, carol, salon } = await world();
    for (const [name, letGo] of [["hand back", handBackConversation], ["resolve", resolveConversation]] as const) {
      const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt: new Date() });
      const scope = { businessId: salon, conversationId };
      await asUser(ada, (tx) => takeOverConversation(tx, { ...scope, userId: ada }));
      const [first, replied] = await race(
        (hold) => asUser(ada, async (tx) => hold(await letGo(tx, { ...scope, userId: ada }))),
        // Carol read the conversation as Ada's.
        () => asUser(carol, (tx) => sendStaffMessage(tx, { ...scope, userId: carol }, reply("I can help"))),
      );
      expect(first.ok, name).toBe(true);
      expect(replied, name).toMatchObject({ ok: true, value: { conversation: { status: "human", assignee: { userId: carol }, resolvedAt: null } } });
      expect(await conversationRow(conversationId), name).toMatchObject({ status: "human", assignee_id: carol });
    }
  });

  it("hand back racing a take-over: both apply, in the order they got the row, and the state is the later one's, whole", async () => {
    const { ada, carol, salon } = await world();
    for (const takeOverFirst of [true, false]) {
      const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt: new Date() });
      const scope = { businessId: salon, conversationId };
      const takeOver = (tx: Db) => takeOverConversation(tx, { ...scope, userId: carol });
      const handBack = (tx: Db) => handBackConversation(tx, { ...scope, userId: ada });
      const [first, second] = takeOverFirst
        ? await race((hold) => asUser(carol, async (tx) => hold(await takeOver(tx))), () => asUser(ada, handBack))
        : await race((hold) => asUser(ada, async (tx) => hold(await handBack(tx))), () => asUser(carol, takeOver));
      // Each is allowed from where the other leaves the conversation, so neither is refused: what must hold is that the
      // result is one of the two orders, never a mix (the assistant answering a conversation Carol still owns).
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(await conversationRow(conversationId)).toEqual(
        takeOverFirst ? { status: "ai", assignee_id: null, sla_stage: 0 } : { status: "human", assignee_id: carol, sla_stage: 0 },
      );
    }
  });

  // Monday 30 November 2026, 10:00 in London (GMT), inside the salon's hours; the default SLA is five minutes.
  const handedOffAt = new Date("2026-11-30T10:00:00Z");
  const now = new Date("2026-11-30T10:06:00Z");
  const remindersOf = (conversationId: string) =>
    pg.database.runner.query<{ user_id: string; n: number }>(
      "select user_id, count(*)::int as n from notifications where conversation_id = $1 and type = 'sla_reminder' group by user_id",
      [conversationId],
    );

  it("the SLA job running twice at once advances the clock and notifies once", async () => {
    const { salon } = await notificationWorld(pg.database);
    const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt });
    // The job's runs open their own transactions, so a third connection holds the row while both read it as due at
    // stage 0 and queue on the update that advances it (their first lock on the row, so they go on in that order).
    const lock = await holdRowLock(pg, "public.conversations", conversationId);
    const one = runSlaChecks(now);
    await lock.queued(1);
    const other = runSlaChecks(now);
    await lock.queued(2);
    await lock.release();

    expect(await Promise.all([one, other])).toEqual([[{ conversationId, stage: 1 }], []]);
    expect((await conversationRow(conversationId)).sla_stage).toBe(1);
    const reminders = await remindersOf(conversationId);
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.n === 1)).toBe(true);
  });

  it("the SLA job racing someone opening the conversation sends no reminder: the clock stopped when it was opened", async () => {
    const { carol, salon } = await notificationWorld(pg.database);
    const conversationId = await waitingConversation(pg.database, { businessId: salon, handedOffAt });
    const [opened, advanced] = await race(
      (hold) =>
        asUser(carol, async (tx) => {
          await markConversationRead(tx, { businessId: salon, conversationId, userId: carol }, now);
          return hold(undefined);
        }),
      // The job read the conversation as unopened and due.
      () => runSlaChecks(now),
    );
    expect(opened.ok).toBe(true);
    expect(advanced).toEqual({ ok: true, value: [] });
    expect((await conversationRow(conversationId)).sla_stage).toBe(0);
    expect(await remindersOf(conversationId)).toEqual([]);
    // Unopened, the same job does remind: the conversation was due.
    const other = await waitingConversation(pg.database, { businessId: salon, handedOffAt });
    expect(await runSlaChecks(now)).toEqual([{ conversationId: other, stage: 1 }]);
  });
});
