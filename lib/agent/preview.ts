import { eq } from "drizzle-orm";
import { z } from "zod";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { RateLimiter } from "@/lib/auth/rate-limit";
import type { HandoffReason } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import { aiSettings, businesses, type MessageSource } from "@/lib/db/schema";
import { ApiError, notFound } from "@/lib/http/errors";
import type { KnowledgeSearch } from "@/lib/knowledge/search";
import type { KnowledgeSearchResult } from "@/lib/knowledge/types";
import { tokensUsedToday } from "./context";
import { stripInvisible } from "./guardrails";
import { hoursState } from "./hours";
import type { Intent } from "./intent";
import { answerTurn } from "./respond";
import { sharedWords } from "./support";

/** The playground's question: one customer message, as long as the search reads (the widget allows more). */
export const previewQuestionSchema = z.object({
  question: z.string().trim().min(1, "Type a question").max(500, "Keep the question under 500 characters"),
});

/** The reply a customer would get, as the owner sees it in the knowledge playground. */
export type PreviewReply = {
  text: string;
  /** The passages the reply cites, by their [n] in its text. */
  sources: MessageSource[];
  /** null when the turn handed off before a model ran (a request for a person, a spent budget). */
  confidence: number | null;
  handedOff: boolean;
  handoffReason: HandoffReason | null;
  intent: Intent;
  quickReplies: string[];
};

export type AnswerPreview = {
  reply: PreviewReply;
  /** The business's hand-off threshold (Settings → AI): below it a reply goes to a person. */
  threshold: number;
  tookMs: number;
};

/**
 * What the assistant would reply to `question` from a new visitor on the website chat, now: the same turn the widget
 * runs (answerTurn: intent, tools, the business's model chain with the offline model last, guard, confidence and the
 * hand-off decision), without a conversation, so nothing a customer's turn writes is written: no contact,
 * conversation, message, lead, hand-off, notification or "used N times". The model calls are logged as usage (task
 * "preview"), so a paid model's cost shows and counts against the daily budget like any other call.
 * The caller has checked that the user is a member of the business; this must not run inside their transaction (the
 * model call must not hold one open).
 */
export async function previewAnswer({
  businessId,
  question,
  now = new Date(),
  chain,
}: {
  businessId: string;
  question: string;
  now?: Date;
  /** The models to try, in order; by default the business's choice from Settings → AI (tests pass their own). */
  chain?: ResolvedChatModel[];
}): Promise<AnswerPreview> {
  const started = performance.now();
  const loaded = await withServiceRole(async (tx) => {
    const [row] = await tx
      .select({ business: businesses, settings: aiSettings })
      .from(businesses)
      .innerJoin(aiSettings, eq(aiSettings.businessId, businesses.id))
      .where(eq(businesses.id, businessId));
    if (!row) return null;
    return { ...row, used: await tokensUsedToday(tx, { businessId, timeZone: row.business.timeZone, now }) };
  });
  if (!loaded) throw notFound("Business not found");
  const { business, settings, used } = loaded;

  const turn = await answerTurn(
    {
      business,
      settings,
      hours: hoursState(business.openingHours ?? {}, business.timeZone, now),
      // A new visitor: nothing known about them, no earlier turns.
      contact: { name: "", email: null, phone: null },
      history: [],
      turns: [],
      tokensUsedToday: used,
      question: stripInvisible(question),
      channel: "widget",
      summary: "",
      conversation: null,
    },
    { chain, task: "preview" },
  );
  return {
    reply: {
      text: turn.text,
      sources: turn.cited,
      confidence: turn.confidence,
      handedOff: turn.handoff !== null,
      handoffReason: turn.handoff?.reason ?? null,
      intent: turn.intent,
      quickReplies: turn.quickReplies,
    },
    threshold: settings.confidenceThreshold,
    tookMs: Math.round(performance.now() - started),
  };
}

/** A passage of the playground's search with the question's words it holds, as the assistant counts them. */
export type PreviewPassage = KnowledgeSearchResult & { words: { asked: string[]; shared: string[] } };

/** The search's passages with, for each, which of the question's words it shares (its title and headings included). */
export function withSharedWords(question: string, search: KnowledgeSearch): KnowledgeSearch & { results: PreviewPassage[] } {
  return {
    ...search,
    results: search.results.map((result) => ({
      ...result,
      words: sharedWords(question, `${result.title} ${result.headingPath.join(" ")} ${result.content}`),
    })),
  };
}

/**
 * Previews a member may ask per minute, per business. Each runs the business's models (a paid one costs money, and
 * the daily budget caps that), so the limit is there for a stuck key or a script, not for an owner trying questions.
 */
export const PREVIEWS_PER_MINUTE = 30;
const globalForLimits = globalThis as unknown as { __frontdeskPreviewLimit?: RateLimiter };

/** 429 with Retry-After when this member has asked too many previews of this business in the last minute. */
export function enforcePreviewLimit(businessId: string, userId: string): void {
  globalForLimits.__frontdeskPreviewLimit ??= new RateLimiter(PREVIEWS_PER_MINUTE, 60_000);
  const wait = globalForLimits.__frontdeskPreviewLimit.hit(`${businessId}:${userId}`);
  if (wait > 0) {
    throw new ApiError(429, "rate_limited", `That's a lot of questions at once: try again in ${wait} seconds.`, undefined, { "Retry-After": String(wait) });
  }
}

/** Forgets every count (tests start each case with a fresh window). */
export function resetPreviewLimitForTests(): void {
  globalForLimits.__frontdeskPreviewLimit = undefined;
}
