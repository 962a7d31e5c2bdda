import { and, asc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { hoursState } from "@/lib/agent/hours";
import { withServiceRole, type Db } from "@/lib/db";
import { businesses, contacts, conversations, type ConversationStatus, type OpeningHours } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { notifyHandoff, notifyOwners } from "./recipients";

/**
 * The handoff's service-level clock. A conversation handed to people starts a clock of the business's SLA (default
 * 5 minutes): when it runs out and nobody has opened or answered, the members on duty are told again (stage 1); at
 * twice the SLA, the owners (stage 2). A handoff while the business is closed starts the clock at the next opening,
 * so nobody is escalated at 3 a.m. for a message the team will see at 9.
 */

export type SlaStage = 0 | 1 | 2;
export type SlaTimeline = { startsAt: Date; remindAt: Date; escalateAt: Date };

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The wall clock in `timeZone` at `instant`, to the second (Intl applies that zone's rules for that instant). */
function wallClock(timeZone: string, instant: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = WEEKDAYS.indexOf(get("weekday").toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    weekday: Math.max(weekday, 0),
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
    second: Number(get("second")),
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function zoneOffset(timeZone: string, instant: number): number {
  const w = wallClock(timeZone, new Date(instant));
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes, w.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time happens in `timeZone`; the second pass settles a DST change between guess and answer. */
function zonedInstant(timeZone: string, year: number, month: number, day: number, minutes: number): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const guess = wall - zoneOffset(timeZone, wall);
  return new Date(wall - zoneOffset(timeZone, guess));
}

/** When the business next opens after `from` (which is outside its hours), or null when it has no hours at all. */
export function nextOpeningAt(hours: OpeningHours, timeZone: string, from: Date): Date | null {
  const now = wallClock(timeZone, from);
  for (let offset = 0; offset <= 7; offset += 1) {
    const weekday = WEEKDAYS[(now.weekday + offset) % 7]!;
    const opens = (hours[weekday] ?? []).map((i) => minutesOf(i.open)).sort((a, b) => a - b);
    const next = opens.find((open) => offset > 0 || open > now.minutes);
    if (next === undefined) continue;
    // Date.UTC rolls day overflow into the next month, giving the calendar date `offset` days later.
    const date = new Date(Date.UTC(now.year, now.month - 1, now.day + offset));
    return zonedInstant(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), next);
  }
  return null;
}

/**
 * The clock of one handoff. `afterHours` says the business was closed when it was handed off: the clock then starts
 * at the next opening (or at once, when the business has no opening hours to wait for).
 */
export function slaTimeline({
  handedOffAt,
  afterHours,
  slaMinutes,
  openingHours,
  timeZone,
}: {
  handedOffAt: Date;
  afterHours: boolean;
  slaMinutes: number;
  openingHours: OpeningHours;
  timeZone: string;
}): SlaTimeline {
  const startsAt = (afterHours ? nextOpeningAt(openingHours, timeZone, handedOffAt) : null) ?? handedOffAt;
  const sla = slaMinutes * 60_000;
  return { startsAt, remindAt: new Date(startsAt.getTime() + sla), escalateAt: new Date(startsAt.getTime() + 2 * sla) };
}

/** The stage the clock has reached at `now`. */
export function slaStage(timeline: SlaTimeline, now: Date): SlaStage {
  if (now >= timeline.escalateAt) return 2;
  if (now >= timeline.remindAt) return 1;
  return 0;
}

type BusinessClock = { handoffSlaMinutes: number; openingHours: OpeningHours | null; timeZone: string };

/** Whether the business was closed at `at` by its own hours (a business with no hours set is never "closed"). */
export function closedAt(business: Pick<BusinessClock, "openingHours" | "timeZone">, at: Date): boolean {
  const hours = business.openingHours ?? {};
  const state = hoursState(hours, business.timeZone, at);
  return !state.openNow && state.nextOpenLabel !== null;
}

function timelineFor(conversation: { handedOffAt: Date }, business: BusinessClock): SlaTimeline {
  return slaTimeline({
    handedOffAt: conversation.handedOffAt,
    afterHours: closedAt(business, conversation.handedOffAt),
    slaMinutes: business.handoffSlaMinutes,
    openingHours: business.openingHours ?? {},
    timeZone: business.timeZone,
  });
}

/**
 * When a person should have opened or answered this conversation (the SLA deadline), for the inbox to show; null
 * when no clock runs: not waiting for a person, or someone already opened or answered it.
 */
export function slaDueAt(
  conversation: { status: ConversationStatus; handedOffAt: Date | null; firstOpenedAt: Date | null; firstResponseAt: Date | null },
  business: BusinessClock,
): Date | null {
  if (conversation.status !== "needs_human" || !conversation.handedOffAt || conversation.firstOpenedAt || conversation.firstResponseAt) return null;
  return timelineFor({ handedOffAt: conversation.handedOffAt }, business).remindAt;
}

export type SlaCandidate = { id: string; businessId: string; stage: SlaStage; contactName: string };

/**
 * Moves one conversation's clock from `from` to `to` and tells the people that stage tells, in one transaction. The
 * update only matches while the stage is still `from` and nobody has opened or answered, so of two runs racing (two
 * app instances, the in-process timer and the scheduler) exactly one advances and notifies. Returns whether this
 * call did.
 */
export async function advanceSlaStage(
  serviceTx: Db,
  { candidate, to, slaMinutes, now }: { candidate: SlaCandidate; to: 1 | 2; slaMinutes: number; now: Date },
): Promise<boolean> {
  const moved = await serviceTx
    .update(conversations)
    .set({ slaStage: to })
    .where(
      and(
        eq(conversations.businessId, candidate.businessId),
        eq(conversations.id, candidate.id),
        eq(conversations.slaStage, candidate.stage),
        eq(conversations.status, "needs_human"),
        isNull(conversations.firstOpenedAt),
        isNull(conversations.firstResponseAt),
      ),
    )
    .returning({ id: conversations.id });
  if (moved.length === 0) return false;
  const who = candidate.contactName || "A customer";
  const draft = { businessId: candidate.businessId, conversationId: candidate.id };
  if (to === 1) {
    await notifyHandoff(
      serviceTx,
      { ...draft, type: "sla_reminder", title: `Still waiting: ${who}`, body: `Nobody has opened or answered this conversation in ${slaMinutes} minutes.` },
      now,
    );
  } else {
    await notifyOwners(serviceTx, {
      ...draft,
      type: "sla_escalation",
      title: `Unanswered for ${slaMinutes * 2} minutes: ${who}`,
      body: `${who} is waiting for a person and nobody on the team has opened or answered the conversation.`,
    });
  }
  return true;
}

/**
 * The SLA job: every conversation waiting for a person whose clock has reached a new stage is advanced, and its
 * reminder or escalation sent. A run that finds a conversation already two stages late (the app was down) goes
 * straight to the escalation. Returns what it advanced.
 */
export async function runSlaChecks(now = new Date(), limit = 200): Promise<{ conversationId: string; stage: 1 | 2 }[]> {
  const advanced: { conversationId: string; stage: 1 | 2 }[] = [];
  // In pages: a night's after-hours handoffs (not due until the opening) must not hide a due one behind them.
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = await waitingPage(now, limit, after);
    await advanceDue(page, now, advanced);
    const last = page.at(-1);
    if (page.length < limit || !last?.handedOffAt) break;
    after = { at: last.handedOffAt.toISOString(), id: last.id };
  }
  if (advanced.length > 0) log.info("sla.advanced", { reminders: advanced.filter((a) => a.stage === 1).length, escalations: advanced.filter((a) => a.stage === 2).length });
  return advanced;
}

function waitingPage(now: Date, limit: number, after: { at: string; id: string } | null) {
  return withServiceRole((tx) =>
    tx
      .select({
        id: conversations.id,
        businessId: conversations.businessId,
        stage: conversations.slaStage,
        handedOffAt: conversations.handedOffAt,
        contactName: sql<string>`coalesce(nullif(${contacts.name}, ''), ${contacts.email}, '')`,
        handoffSlaMinutes: businesses.handoffSlaMinutes,
        openingHours: businesses.openingHours,
        timeZone: businesses.timeZone,
      })
      .from(conversations)
      .innerJoin(businesses, eq(businesses.id, conversations.businessId))
      .leftJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.businessId, conversations.businessId)))
      .where(
        and(
          eq(conversations.status, "needs_human"),
          isNotNull(conversations.handedOffAt),
          isNull(conversations.firstOpenedAt),
          isNull(conversations.firstResponseAt),
          lt(conversations.slaStage, 2),
          // Closed hours only delay the clock, so nothing can be due before one SLA after the handoff.
          sql`${conversations.handedOffAt} <= ${now.toISOString()}::timestamptz - make_interval(mins => ${businesses.handoffSlaMinutes})`,
          after ? sql`(${conversations.handedOffAt}, ${conversations.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(conversations.handedOffAt), asc(conversations.id))
      .limit(limit),
  );
}

async function advanceDue(waiting: Awaited<ReturnType<typeof waitingPage>>, now: Date, advanced: { conversationId: string; stage: 1 | 2 }[]) {
  for (const row of waiting) {
    if (!row.handedOffAt) continue;
    const due = slaStage(timelineFor({ handedOffAt: row.handedOffAt }, row), now);
    if (due === 0 || due <= row.stage) continue;
    const candidate: SlaCandidate = { id: row.id, businessId: row.businessId, stage: row.stage as SlaStage, contactName: row.contactName ?? "" };
    try {
      const moved = await withServiceRole((tx) => advanceSlaStage(tx, { candidate, to: due, slaMinutes: row.handoffSlaMinutes, now }));
      if (moved) advanced.push({ conversationId: row.id, stage: due });
    } catch (error) {
      log.error("sla.advance_failed", { businessId: row.businessId, conversationId: row.id, error });
    }
  }
}
