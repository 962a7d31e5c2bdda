import { sql } from "drizzle-orm";
import { withServiceRole } from "@/lib/db";
import { log } from "@/lib/log";

export type AiUsage = {
  businessId: string;
  conversationId?: string | null;
  task: string;
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens?: number;
  costMicros: number;
  latencyMs: number;
  outcome: "ok" | "error" | "timeout" | "rate_limited" | "fallback" | "budget_exceeded";
};

const pending = new Set<Promise<void>>();

/**
 * Every model call is recorded (model, task, tokens, cost, latency); a failure to record never fails the call. The
 * write is not awaited by the caller: a call made inside a member's transaction (the playground's search) would
 * otherwise wait on a second transaction that, on the single-connection embedded database, waits for the first.
 */
export function recordAiUsage(usage: AiUsage): void {
  const write = writeUsage(usage).finally(() => pending.delete(write));
  pending.add(write);
}

/** Resolves once every usage row recorded so far is written (tests, and shutdown). */
export async function flushAiUsage(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

async function writeUsage(usage: AiUsage): Promise<void> {
  try {
    await withServiceRole((tx) =>
      tx.execute(sql`insert into public.ai_usage
        (business_id, conversation_id, task, provider, model, prompt_tokens, completion_tokens, cost_micros, latency_ms, outcome)
        values (${usage.businessId}, ${usage.conversationId ?? null}, ${usage.task}, ${usage.provider}, ${usage.model},
          ${Math.max(0, Math.round(usage.promptTokens))}, ${Math.max(0, Math.round(usage.completionTokens ?? 0))},
          ${Math.max(0, Math.ceil(usage.costMicros))}, ${Math.max(0, Math.round(usage.latencyMs))}, ${usage.outcome})`),
    );
  } catch (error) {
    log.warn("ai.usage_not_recorded", { businessId: usage.businessId, task: usage.task, error });
  }
}
