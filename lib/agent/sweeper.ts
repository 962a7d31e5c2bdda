import { and, asc, inArray, lt, sql } from "drizzle-orm";
import { withServiceRole } from "@/lib/db";
import { messages } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { answerCustomerMessage } from "./respond";

/** A live request answers within the model timeouts; a message still pending after this was dropped. */
export const STALE_AFTER_MS = 2 * 60_000;
/** After this many failed attempts the message waits for a person (it is visible in the inbox as unanswered). */
export const MAX_ANSWER_ATTEMPTS = 5;

export type SweepOutcome = { messageId: string; outcome: "answered" | "failed" };

/**
 * Answers customer messages whose turn never finished (the model, the process or the network failed after the
 * message was stored): the "never lost" half of the pipeline. Oldest first, within a time budget.
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
  if (outcomes.length > 0) log.info("agent.swept", { answered: outcomes.filter((o) => o.outcome === "answered").length, failed: outcomes.filter((o) => o.outcome === "failed").length });
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
