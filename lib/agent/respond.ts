import { stepCountIs, streamText } from "ai";
import { and, eq, inArray, sql } from "drizzle-orm";
import { chatModelChain, costMicrosFor, type ResolvedChatModel } from "@/lib/ai/models";
import { withFallback } from "@/lib/ai/fallback";
import { recordAiUsage } from "@/lib/ai/usage";
import { getConfig } from "@/lib/config";
import { handOffConversation, type HandoffReason } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import { conversations, messages, type ConversationStatus, type MessageSource } from "@/lib/db/schema";
import { recordKnowledgeUse } from "@/lib/knowledge/search";
import { log } from "@/lib/log";
import { answerFit, quickRepliesFor } from "./answer";
import { replyConfidence } from "./confidence";
import { loadAgentContext, type AgentContext } from "./context";
import { LEAK_REFUSAL, MAX_REPLY_TOKENS, ReplyGuard, makeCanary } from "./guardrails";
import { detectIntent, detectLanguage, type Intent } from "./intent";
import { systemPrompt } from "./prompts";
import { buildAgentTools, newTurnState, type TurnState } from "./tools";
import { handoffLine } from "./tools/escalate-to-human";
import { unhelpfulRun } from "./unhelpful";

/** What the widget (and later channels) learn about a reply besides its text. */
export type ReplyMeta = {
  messageId: string | null;
  sources: Pick<MessageSource, "n" | "title" | "documentId">[];
  confidence: number | null;
  intent: Intent | null;
  handedOff: boolean;
  status: ConversationStatus;
  quickReplies: string[];
};

/** Where a streamed reply goes as it is written; the sweeper answers with no one watching. */
export type ReplySink = { text(delta: string): void };
const nowhere: ReplySink = { text: () => {} };

/** Agent steps per turn: search, maybe a second search or a tool, then the answer. */
const MAX_STEPS = 4;

/**
 * Answers one stored customer message: the one pipeline every channel uses (DESIGN.md). Loads the context, runs the
 * model with the registered tools behind the fallback chain, streams the guarded text to `sink`, scores the reply,
 * hands off when it should, and stores the reply with its sources, confidence and intent. The customer's message is
 * already stored; if this fails it stays pending and the sweeper answers it later.
 */
export async function answerCustomerMessage({
  businessId,
  messageId,
  sink = nowhere,
  signal,
  now = new Date(),
  chain,
}: {
  businessId: string;
  messageId: string;
  sink?: ReplySink;
  signal?: AbortSignal;
  now?: Date;
  /** The models to try, in order; by default the business's choice from Settings → AI (tests pass mock models). */
  chain?: ResolvedChatModel[];
}): Promise<ReplyMeta> {
  const context = await withServiceRole((tx) => loadAgentContext(tx, { businessId, messageId, now }));
  if (!context) throw new Error("the message to answer does not exist");
  const { conversation } = context;
  if (conversation.status !== "ai") {
    await setAnswerState(businessId, messageId, "skipped");
    return quietMeta(conversation.status);
  }
  if (!(await claimMessage(businessId, messageId))) return quietMeta(conversation.status, true);

  const question = context.message.content;
  const { intent, risky } = detectIntent(question);
  // Two answers in a row did not help: a person takes over rather than the assistant trying a third time.
  const unhelpful = intent === "human_request" ? null : unhelpfulRun(context.turns, question);
  if (unhelpful && unhelpful.answers >= 2) {
    const asked = (unhelpful.question ?? question).replace(/\s+/g, " ").slice(0, 300);
    return finishWithHandoff(context, { sink, intent, reason: "unhelpful", summary: `Two answers in a row did not help. Asked: ${asked}` });
  }
  // Asked for a person: the person answers, at once and without spending a model call on a reply they will redo.
  if (intent === "human_request") {
    return finishWithHandoff(context, { sink, intent, reason: "customer_request", summary: summarise(question, intent) });
  }
  if (context.tokensUsedToday >= context.settings.dailyTokenBudget) {
    return finishWithHandoff(context, { sink, intent, reason: "budget_exhausted", summary: `Asked: ${question.slice(0, 300)}` });
  }

  const state = newTurnState();
  let guard: ReplyGuard;
  try {
    guard = await runModel(context, { state, sink, signal, chain });
  } catch (error) {
    log.error("agent.turn_failed", { businessId, messageId, error });
    if (state.handoff) guard = new ReplyGuard("");
    else {
      await setAnswerState(businessId, messageId, "failed");
      throw error;
    }
  }

  let text = guard.delivered;
  if (guard.leaked) {
    log.warn("agent.prompt_leak_blocked", { businessId, messageId });
    sink.text(LEAK_REFUSAL);
  }
  const cited = citedSources(text, state);
  const confidence = replyConfidence({
    support: state.support,
    cited: cited.length > 0,
    risky,
    conversational: intent === "greeting" || intent === "thanks" || (state.leadId !== null && state.support === null),
    fromProfile: state.answeredFromProfile,
    fit: answerFit(question, text, cited.flatMap((s) => state.headings.get(s.n) ?? [])),
  });

  let handoff = state.handoff;
  if (!handoff && !guard.leaked) {
    const reason: HandoffReason | null =
      confidence < context.settings.confidenceThreshold ? (risky ? (intent === "complaint" ? "complaint" : "risky_topic") : "low_confidence")
      : null;
    if (reason) {
      const line = handoffLine(context.hours);
      const joined = text ? `\n\n${line}` : line;
      sink.text(joined);
      text += joined;
      await withServiceRole((tx) => handOffConversation(tx, { businessId, conversationId: conversation.id, reason, summary: summarise(question, intent) }));
      handoff = { reason, message: line };
    }
  }
  if (!text.trim()) {
    // A model that only called tools still owes the customer a line.
    text = handoff?.message ?? "Sorry, I didn't catch that. Could you rephrase your question?";
    sink.text(text);
  }

  const quickReplies = handoff ? [] : quickRepliesFor(intent);
  const { id: replyId, status } = await storeReply(context, { text, cited, confidence, intent, handedOff: handoff !== null, quickReplies });
  if (cited.length > 0) {
    await withServiceRole((tx) => recordKnowledgeUse(tx, { businessId, documentIds: cited.map((s) => s.documentId) }));
  }
  return {
    messageId: replyId,
    sources: cited.map(({ n, title, documentId }) => ({ n, title, documentId })),
    confidence,
    intent,
    handedOff: handoff !== null,
    // A person may have taken over while the model wrote: the customer's chat follows who owns it now.
    status,
    quickReplies,
  };
}

async function runModel(
  context: AgentContext,
  { state, sink, signal, chain }: { state: TurnState; sink: ReplySink; signal?: AbortSignal; chain?: ResolvedChatModel[] },
) {
  const { business, settings, conversation } = context;
  const question = context.message.content;
  const tools = buildAgentTools({
    businessId: business.id,
    conversationId: conversation.id,
    contactId: conversation.contactId,
    channel: conversation.channel,
    question,
    hours: context.hours,
    openingHours: business.openingHours ?? {},
    state,
  });
  const canary = makeCanary();
  const system = systemPrompt(
    {
      business: { ...business, openingHours: business.openingHours ?? {} },
      hours: context.hours,
      instructions: settings.instructions,
      summary: conversation.summary,
      language: detectLanguage(question),
      contact: context.contact,
      tools: Object.keys(tools),
    },
    canary,
  );
  const guard = new ReplyGuard(canary);
  const model = withFallback(chain ?? chatModelChain({ primary: settings.primaryModel, fallback: settings.fallbackModel }), {
    timeoutMs: getConfig().ai.timeoutMs,
    signal,
    onAttempt: (attempt) =>
      recordAiUsage({
        businessId: business.id,
        conversationId: conversation.id,
        task: "reply",
        provider: attempt.provider,
        model: attempt.id,
        promptTokens: attempt.usage?.inputTokens ?? 0,
        completionTokens: attempt.usage?.outputTokens ?? 0,
        costMicros: attempt.usage ? costMicrosFor(attempt.id, attempt.usage) : 0,
        latencyMs: attempt.latencyMs,
        outcome: attempt.outcome,
      }),
  });
  const result = streamText({
    model,
    system,
    messages: [...context.history, { role: "user", content: question }],
    tools,
    stopWhen: stepCountIs(MAX_STEPS),
    maxOutputTokens: MAX_REPLY_TOKENS,
    maxRetries: 0,
    abortSignal: signal,
    // The SDK's default prints the whole error (the request body: the customer's words) to the console. The error
    // part is thrown below and logged once, redacted, by the caller.
    onError: () => {},
  });
  let lastTextId: string | null = null;
  for await (const part of result.stream) {
    if (part.type === "text-delta") {
      // Text of a later step is a new paragraph, not glued to the previous one.
      const separator = lastTextId !== null && part.id !== lastTextId && guard.delivered.length > 0 ? "\n\n" : "";
      lastTextId = part.id;
      const safe = guard.push(separator + part.text);
      if (safe) sink.text(safe);
      if (guard.leaked || guard.truncated) break;
    } else if (part.type === "error") {
      throw part.error;
    }
  }
  const tail = guard.end();
  if (tail) sink.text(tail);
  return guard;
}

/** The sources a reply actually cites ([n] in its text), in citation order. */
function citedSources(text: string, state: TurnState): MessageSource[] {
  const numbers = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  return [...numbers].sort((a, b) => a - b).flatMap((n) => (state.passages.has(n) ? [state.passages.get(n)!] : []));
}

function summarise(question: string, intent: Intent): string {
  return `${intent === "question" ? "Asked" : `${intent.replace("_", " ")}`}: ${question.replace(/\s+/g, " ").slice(0, 300)}`;
}

function quietMeta(status: ConversationStatus, handedOff = status !== "ai"): ReplyMeta {
  return { messageId: null, sources: [], confidence: null, intent: null, handedOff, status, quickReplies: [] };
}

/**
 * Takes the message for answering: only one request or sweeper run answers a message, and each attempt is counted.
 */
async function claimMessage(businessId: string, messageId: string): Promise<boolean> {
  return withServiceRole(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ answerState: "pending", answerAttempts: sql`${messages.answerAttempts} + 1` })
      .where(and(eq(messages.businessId, businessId), eq(messages.id, messageId), inArray(messages.answerState, ["pending", "failed"])))
      .returning({ id: messages.id });
    return rows.length > 0;
  });
}

async function setAnswerState(businessId: string, messageId: string, answerState: "skipped" | "failed" | "answered" | "handed_off") {
  await withServiceRole((tx) =>
    tx.update(messages).set({ answerState }).where(and(eq(messages.businessId, businessId), eq(messages.id, messageId))),
  );
}

async function finishWithHandoff(
  context: AgentContext,
  { sink, intent, reason, summary }: { sink: ReplySink; intent: Intent; reason: HandoffReason; summary: string },
): Promise<ReplyMeta> {
  const line = handoffLine(context.hours);
  sink.text(line);
  await withServiceRole((tx) => handOffConversation(tx, { businessId: context.business.id, conversationId: context.conversation.id, reason, summary }));
  const { id: replyId, status } = await storeReply(context, { text: line, cited: [], confidence: null, intent, handedOff: true, quickReplies: [] });
  return { messageId: replyId, sources: [], confidence: null, intent, handedOff: true, status, quickReplies: [] };
}

async function storeReply(
  context: AgentContext,
  reply: { text: string; cited: MessageSource[]; confidence: number | null; intent: Intent; handedOff: boolean; quickReplies: string[] },
): Promise<{ id: string; status: ConversationStatus }> {
  const businessId = context.business.id;
  const conversationId = context.conversation.id;
  const id = crypto.randomUUID();
  return withServiceRole(async (tx) => {
    await tx.insert(messages).values({
      id,
      businessId,
      conversationId,
      channel: context.conversation.channel,
      role: "ai",
      content: reply.text,
      deliveryStatus: "sent",
      confidence: reply.confidence,
      sources: reply.cited,
      intent: reply.intent,
      quickReplies: reply.quickReplies,
    });
    await tx
      .update(messages)
      .set({ answerState: reply.handedOff ? "handed_off" : "answered", intent: reply.intent })
      .where(and(eq(messages.businessId, businessId), eq(messages.id, context.message.id)));
    const [after] = await tx
      .update(conversations)
      .set({ lastMessageAt: new Date(), summary: runningSummary(context.conversation.summary, context.message.content) })
      .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)))
      .returning({ status: conversations.status });
    return { id, status: after?.status ?? (reply.handedOff ? "needs_human" : "ai") };
  });
}

/** The customer's last few questions, newest last: cheap context for the model and the inbox, no extra model call. */
function runningSummary(previous: string, question: string): string {
  const asked = previous.startsWith("Customer asked: ") ? previous.slice(16).split(" | ") : [];
  return `Customer asked: ${[...asked, question.replace(/\s+/g, " ").slice(0, 160)].slice(-3).join(" | ")}`;
}
