import { and, eq, isNotNull, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/lib/db";
import { aiUsage } from "@/lib/db/schema";
import type { CopilotStats, SuggestionOutcome } from "./api";

/**
 * Records what a staff member did with a suggestion set, through the narrow database function that lets members
 * write nothing else of the usage log. Runs in the member's own transaction: the function checks they belong to the
 * business (a stranger gets a 42501, which the API answers as 403). One outcome per set: false when the set already
 * has one, or is not a copilot row of this business.
 */
export async function recordSuggestionOutcome(
  tx: Db,
  { businessId, usageId, outcome }: { businessId: string; usageId: string; outcome: SuggestionOutcome },
): Promise<boolean> {
  const rows = rowsOf(await tx.execute(sql`select private.record_suggestion_outcome(${businessId}::uuid, ${usageId}::uuid, ${outcome}) as recorded`));
  return rows[0]?.recorded === true;
}

/** Whether a copilot usage row of this business exists and already has its outcome (service path: tells 409 from 404). */
export async function suggestionOutcomeRecorded(tx: Db, { businessId, usageId }: { businessId: string; usageId: string }): Promise<boolean> {
  const [row] = await tx
    .select({ id: aiUsage.id })
    .from(aiUsage)
    .where(and(eq(aiUsage.businessId, businessId), eq(aiUsage.id, usageId), eq(aiUsage.task, "copilot"), isNotNull(aiUsage.suggestionOutcome)));
  return row !== undefined;
}

/**
 * How the business's staff used reply suggestions over the last `days`: sets suggested, and how many were sent as
 * written, edited first, or dismissed (the rest were left alone). The usage log is readable by owners and admins only.
 */
export async function copilotStats(tx: Db, { businessId, days = 30, now = new Date() }: { businessId: string; days?: number; now?: Date }): Promise<CopilotStats> {
  const rows = rowsOf(
    await tx.execute(sql`select count(*)::int as suggested,
        count(*) filter (where suggestion_outcome = 'sent')::int as sent,
        count(*) filter (where suggestion_outcome = 'edited')::int as edited,
        count(*) filter (where suggestion_outcome = 'dismissed')::int as dismissed
      from public.ai_usage
      where business_id = ${businessId} and task = 'copilot'
        and created_at >= ${now.toISOString()}::timestamptz - make_interval(days => ${days}::int)`),
  );
  const row = rows[0] ?? {};
  return { days, suggested: Number(row.suggested ?? 0), sent: Number(row.sent ?? 0), edited: Number(row.edited ?? 0), dismissed: Number(row.dismissed ?? 0) };
}
