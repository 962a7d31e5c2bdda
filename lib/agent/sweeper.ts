import { and, asc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { handOffConversation } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import { messages } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { answerCustomerMessage } from "./respond";

/** A live request answers within the model timeouts; a message still pending after this was dropped. */
export const STALE_AFTER_MS = 2 * 60_000;
/** After this many failed attempts the assistant gives up and the conversation is handed to a person. */
export const MAX_ANSWER_ATTEMPTS = 5;

export type SweepOutcome = { messageId: string; outcome: "answered" | "failed" | "handed_off" };

/**
 * Answers customer messages whose turn never finished (the model, the process or the network failed after the
 * message was stored): the "never lost" half of the pipeline. Oldest first, within a time budget. A message the
 * assistant failed to answer MAX_ANSWER_ATTEMPTS times goes to a person instead: the conversation is handed off (the
 * team is notified) rather than left waiting, unanswered, in a conversation that still looks like the AI's.
 */
export async function sweepUnansweredMessages({ now = new Date(), budgetMs = 20_000, limit = 20 } = {}): Promise<SweepOutcome[]> {
  const started = Date.now();
  const stale = new Date(now.getTime() - STALE_AFTER_MS);
  const due = await withServiceRole((tx) =>
    tx
      .select({ id: messages.id, businessId: messages.businessId })
      .from(messages)
      .where(
        and(
          inArray(messages.answerState, ["pending", "failed"]),
          lt(messages.updatedAt, stale),
          lt(messages.answerAttempts, MAX_ANSWER_ATTEMPTS),
          sql`${messages.role} = 'customer'`,
        ),
      )
      .orderBy(asc(messages.createdAt))
      .limit(limit),
  );
  const outcomes: SweepOutcome[] = [];
  for (const message of due) {
    if (Date.now() - started > budgetMs) break;
    try {
      await answerCustomerMessage({ businessId: message.businessId, messageId: message.id });
      outcomes.push({ messageId: message.id, outcome: "answered" });
    } catch (error) {
      log.warn("agent.sweep_failed", { businessId: message.businessId, messageId: message.id, error });
      outcomes.push({ messageId: message.id, outcome: "failed" });
    }
  }
  outcomes.push(...(await handOffUnanswerable(stale, limit)));
  if (outcomes.length > 0) log.info("agent.swept", { answered: outcomes.filter((o) => o.outcome === "answered").length, failed: outcomes.filter((o) => o.outcome === "failed").length, handedOff: outcomes.filter((o) => o.outcome === "handed_off").length });
  return outcomes;
}

/**
 * Customer messages out of attempts: failed ones at once (this sweep's last attempt included), pending ones once stale
 * (an attempt that died with its process). Each conversation still the AI's is handed to a person; one a person owns
 * already stays theirs. The message is marked handed off only if nobody answered it meanwhile.
 */
async function handOffUnanswerable(stale: Date, limit: number): Promise<SweepOutcome[]> {
  const capped = await withServiceRole((tx) =>
    tx
      .select({ id: messages.id, businessId: messages.businessId, conversationId: messages.conversationId, content: messages.content })
      .from(messages)
      .where(
        and(
          gte(messages.answerAttempts, MAX_ANSWER_ATTEMPTS),
          or(eq(messages.answerState, "failed"), and(eq(messages.answerState, "pending"), lt(messages.updatedAt, stale))),
          sql`${messages.role} = 'customer'`,
        ),
      )
      .orderBy(asc(messages.createdAt))
      .limit(limit),
  );
  const outcomes: SweepOutcome[] = [];
  for (const message of capped) {
    const taken = await withServiceRole(async (tx) => {
      const marked = await tx
        .update(messages)
        .set({ answerState: "handed_off" })
        .where(and(eq(messages.businessId, message.businessId), eq(messages.id, message.id), inArray(messages.answerState, ["pending", "failed"])))
        .returning({ id: messages.id });
      if (marked.length === 0) return false;
      const summary = `The assistant failed ${MAX_ANSWER_ATTEMPTS} times to answer. Asked: ${message.content.replace(/\s+/g, " ").slice(0, 300)}`;
      await handOffConversation(tx, { businessId: message.businessId, conversationId: message.conversationId, reason: "answer_failed", summary });
      return true;
    });
    if (taken) {
      log.warn("agent.answer_gave_up", { businessId: message.businessId, messageId: message.id, attempts: MAX_ANSWER_ATTEMPTS });
      outcomes.push({ messageId: message.id, outcome: "handed_off" });
    }
  }
  return outcomes;
}

const globalForSweeper = globalThis as unknown as { __frontdeskAgentSweeper?: { timer: NodeJS.Timeout; running: boolean } };

/** The embedded mode's schedule for the sweeper (hosted: POST /api/jobs/agent from the scheduler). */
export function startAgentSweeper(intervalMs = 30_000): void {
  if (globalForSweeper.__frontdeskAgentSweeper) return;
  const state = { timer: setInterval(() => void tick(), intervalMs), running: false };
  state.timer.unref();
  globalForSweeper.__frontdeskAgentSweeper = state;
  async function tick() {
    if (state.running) return;
    state.running = true;
    try {
      await sweepUnansweredMessages();
    } catch (error) {
      log.error("agent.sweeper_failed", { error });
    } finally {
      state.running = false;
    }
  }
}
