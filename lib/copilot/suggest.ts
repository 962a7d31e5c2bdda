import { randomUUID } from "node:crypto";
import { generateText } from "ai";
import { chatModelChain, costMicrosFor, type ResolvedChatModel } from "@/lib/ai/models";
import { withFallback, type Attempt } from "@/lib/ai/fallback";
import type { AiUsage } from "@/lib/ai/usage";
import { tokensUsedToday } from "@/lib/agent/context";
import { makeCanary, stripInvisible } from "@/lib/agent/guardrails";
import { detectIntent, detectLanguage, withoutContactDetails } from "@/lib/agent/intent";
import { hasTopicWords } from "@/lib/agent/support";
import { getConfig } from "@/lib/config";
import { withServiceRole, type Db } from "@/lib/db";
import { aiUsage } from "@/lib/db/schema";
import { ApiError, notFound } from "@/lib/http/errors";
import { searchKnowledge } from "@/lib/knowledge/search";
import { log } from "@/lib/log";
import type { CopilotResult } from "./api";
import { composeSuggestions, type CopilotPassage } from "./compose";
import { loadCopilotConversation, type CopilotConversation } from "./conversation";
import { analyseGoal } from "./goal";
import { copilotSystemPrompt, copilotUserPrompt, parseCopilotOutput, type ParsedCopilotOutput } from "./prompts";

/** Passages the copilot grounds its replies in: as many as the agent reads per search. */
const PASSAGES = 4;
/** Turns of the conversation the model reads, and how much of each. */
const TRANSCRIPT_TURNS = 20;
const TURN_CHARS = 1000;
/** A summary and two short replies as JSON. */
const MAX_OUTPUT_TOKENS = 800;

export const BUDGET_SPENT_MESSAGE =
  "Today's AI budget is spent, so reply suggestions are paused until midnight. An owner or admin can raise the daily budget in Settings → AI.";

/**
 * Two replies a staff member could send next, grounded in the business's knowledge and in its tone, with a summary of
 * the conversation and what the customer's goal still needs. Goes through the business's models and their fallback
 * chain like the agent; the built-in offline model's place is taken by the deterministic composer, which also stands in
 * when a model fails or answers with something that does not parse, so staff always get two suggestions. Respects
 * the daily token budget (429 when spent) and records exactly one `ai_usage` row (task "copilot"), whose id is the
 * handle staff record their outcome against. The caller has checked that `userId` is a member who can see the
 * conversation; nothing here may run inside that member's transaction (a model call must not hold one open).
 */
export async function suggestReplies({
  businessId,
  conversationId,
  userId,
  chain,
  now = new Date(),
  signal,
}: {
  businessId: string;
  conversationId: string;
  userId: string;
  /** The models to try, in order; by default the business's choice from Settings → AI (tests pass their own). */
  chain?: ResolvedChatModel[];
  now?: Date;
  signal?: AbortSignal;
}): Promise<CopilotResult> {
  const started = performance.now();
  const loaded = await withServiceRole(async (tx) => {
    const conversation = await loadCopilotConversation(tx, { businessId, conversationId });
    if (!conversation) return null;
    return { conversation, used: await tokensUsedToday(tx, { businessId, timeZone: conversation.business.timeZone, now }) };
  });
  if (!loaded) throw notFound("Conversation not found");
  const { conversation, used } = loaded;
  if (used >= conversation.settings.dailyTokenBudget) throw new ApiError(429, "budget_exhausted", BUDGET_SPENT_MESSAGE);

  const latest = conversation.messages.filter((m) => m.role === "customer").at(-1);
  const analysis = analyseGoal({
    messages: conversation.messages,
    contact: conversation.contact,
    lead: conversation.lead,
    lastIntent: latest?.intent ?? null,
    services: conversation.services,
    timeZone: conversation.business.timeZone,
    locale: conversation.business.locale,
  });
  const question = questionOf(conversation);
  const passages = question ? await knowledgeFor(businessId, question) : [];
  const contactName = analysis.known.find((k) => k.label === "Name")?.value ?? "";
  const composed = composeSuggestions({
    contactName,
    vertical: conversation.business.vertical,
    analysis,
    question,
    passages,
    lastCustomerMessage: latest?.content ?? "",
  });

  // The offline model's place in the chain is the composer's: it is deterministic, free and already done, and never
  // fails, so the models after it (a business whose main model is the offline one) are never asked.
  const chosen = chain ?? chatModelChain({ primary: conversation.settings.primaryModel, fallback: conversation.settings.fallbackModel });
  const offlineAt = chosen.findIndex((m) => m.provider === "offline");
  const models = offlineAt < 0 ? chosen : chosen.slice(0, offlineAt);
  const generated = models.length > 0 ? await generate(conversation, { models, analysis, passages, signal }) : null;
  const output: ParsedCopilotOutput = generated?.output ?? composed;

  const usageId = randomUUID();
  const attempts = generated?.attempts ?? [];
  const answered = attempts.find((a) => a.outcome === "ok");
  const promptTokens = sum(attempts, (a) => a.usage?.inputTokens ?? 0);
  const completionTokens = sum(attempts, (a) => a.usage?.outputTokens ?? 0);
  await withServiceRole((tx) =>
    recordCopilotUsage(tx, {
      id: usageId,
      businessId,
      conversationId,
      task: "copilot",
      // The row names the model whose tokens were spent, so they count against the budget even when its answer was
      // unusable; the composer alone is the offline model, free and uncounted.
      provider: answered?.provider ?? "offline",
      model: answered?.id ?? "offline",
      promptTokens,
      completionTokens,
      costMicros: sum(attempts, (a) => (a.usage ? costMicrosFor(a.id, a.usage) : 0)),
      latencyMs: performance.now() - started,
      outcome: models.length === 0 ? "ok" : generated?.output && attempts.length === 1 ? "ok" : "fallback",
    }),
  );
  log.info("copilot.suggested", { businessId, conversationId, userId, model: answered?.id ?? "offline", composed: !generated?.output });

  return {
    summary: output.summary,
    goal: analysis.goal,
    known: analysis.known,
    missing: analysis.missing,
    suggestions: output.suggestions,
    usageId,
  };
}

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

/**
 * What the replies answer: the customer's messages since the business last spoke (or their latest one), without the
 * contact details they typed. "Where are you?" names no topic a passage would share: the intent supplies it.
 */
export function questionOf(conversation: Pick<CopilotConversation, "messages">): string {
  const { messages } = conversation;
  const lastReply = messages.findLastIndex((m) => m.role !== "customer");
  const waiting = messages.slice(lastReply + 1).filter((m) => m.role === "customer");
  const asked = (waiting.length > 0 ? waiting : messages.filter((m) => m.role === "customer").slice(-1)).map((m) => m.content).join(" ");
  const bare = withoutContactDetails(asked) || asked;
  const topic = !hasTopicWords(bare) && detectIntent(asked).intent === "location" ? `${bare} address` : bare;
  return topic.replace(/\s+/g, " ").trim().slice(0, 500);
}

async function knowledgeFor(businessId: string, question: string): Promise<CopilotPassage[]> {
  const { results } = await withServiceRole((tx) => searchKnowledge(tx, { businessId, query: question, limit: PASSAGES }));
  return results.map((r, i) => ({ n: i + 1, title: r.title, heading: r.headingPath.join(" › "), text: stripInvisible(r.content), documentId: r.documentId }));
}

async function generate(
  conversation: CopilotConversation,
  { models, analysis, passages, signal }: { models: ResolvedChatModel[]; analysis: ReturnType<typeof analyseGoal>; passages: CopilotPassage[]; signal?: AbortSignal },
): Promise<{ output: ParsedCopilotOutput | null; attempts: Attempt[] }> {
  const attempts: Attempt[] = [];
  const customerText = conversation.messages.filter((m) => m.role === "customer").slice(-3).map((m) => m.content).join(" ");
  const language = customerText.trim() ? detectLanguage(customerText) : conversation.business.locale.slice(0, 2);
  const context = {
    business: conversation.business,
    instructions: conversation.settings.instructions,
    language,
    analysis,
    contact: { name: analysis.known.find((k) => k.label === "Name")?.value ?? "" },
    transcript: conversation.messages.slice(-TRANSCRIPT_TURNS).map((m) => ({ role: m.role, content: m.content.slice(0, TURN_CHARS) })),
    passages,
  };
  const canary = makeCanary();
  try {
    const { text } = await generateText({
      model: withFallback(models, {
        // The whole JSON answer must arrive in this time, not just its first word as for a streamed reply.
        timeoutMs: getConfig().ai.timeoutMs * 2,
        signal,
        onAttempt: (attempt) => attempts.push(attempt),
      }),
      system: copilotSystemPrompt(context, canary),
      prompt: copilotUserPrompt(context),
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      maxRetries: 0,
      abortSignal: signal,
    });
    const output = parseCopilotOutput(text, { passages, canary });
    if (!output) log.warn("copilot.unusable_output", { businessId: conversation.business.id, model: attempts.at(-1)?.id });
    return { output, attempts };
  } catch (error) {
    if (signal?.aborted) throw error;
    log.warn("copilot.models_failed", { businessId: conversation.business.id, error });
    return { output: null, attempts };
  }
}

/** The suggestion set's usage row, written before the suggestions are returned: staff record outcomes against it. */
async function recordCopilotUsage(tx: Db, usage: AiUsage & { id: string }) {
  await tx.insert(aiUsage).values({
    id: usage.id,
    businessId: usage.businessId,
    conversationId: usage.conversationId ?? null,
    task: usage.task,
    provider: usage.provider,
    model: usage.model,
    promptTokens: Math.max(0, Math.round(usage.promptTokens)),
    completionTokens: Math.max(0, Math.round(usage.completionTokens ?? 0)),
    costMicros: Math.max(0, Math.ceil(usage.costMicros)),
    latencyMs: Math.max(0, Math.round(usage.latencyMs)),
    outcome: usage.outcome,
  });
}
