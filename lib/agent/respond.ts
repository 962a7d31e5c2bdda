import { stepCountIs, streamText } from "ai";
import { chatModelChain, costMicrosFor, type ResolvedChatModel } from "@/lib/ai/models";
import { withFallback } from "@/lib/ai/fallback";
import { recordAiUsage } from "@/lib/ai/usage";
import { getConfig } from "@/lib/config";
import { handOffConversation, type HandoffReason } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import type { Channel, ConversationStatus, MessageSource } from "@/lib/db/schema";
import { recordKnowledgeUse } from "@/lib/knowledge/search";
import { log } from "@/lib/log";
import { answerFit, quickRepliesFor } from "./answer";
import { replyConfidence } from "./confidence";
import { loadAgentContext, type AgentContext } from "./context";
import { claimMessage, setAnswerState, storeReply } from "./reply-store";
import { LEAK_REFUSAL, MAX_REPLY_TOKENS, ReplyGuard, makeCanary } from "./guardrails";
import { detectLanguage, languageOfLocale } from "@/lib/knowledge/language";
import type { EscalationTopic } from "./escalation-topics";
import { detectIntent, type Intent } from "./intent";
import { handoffLine, linesFor, OFFER_SUMMARIES, offerAskedFor, personAskedFor } from "./lines";
import { systemPrompt } from "./prompts";
import { buildAgentTools, newTurnState, type TurnState } from "./tools";
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

/** Why a recognised topic is handed off, as the inbox shows it. */
const TOPIC_REASONS: Record<EscalationTopic, HandoffReason> = {
  human_request: "customer_request",
  complaint: "complaint",
  billing: "billing",
  medical: "medical",
  legal: "legal",
};

/** Agent steps per turn: search, maybe a second search or a tool, then the answer. */
const MAX_STEPS = 4;

/**
 * What one turn is answered from: a stored customer message's context, or a question previewed in the knowledge
 * playground, which has no conversation: its tools act on nothing and nothing of the turn is stored.
 */
export type TurnInput = Omit<AgentContext, "conversation" | "message"> & {
  question: string;
  channel: Channel;
  /** The running summary of the conversation so far ("" for a first message). */
  summary: string;
  /** The stored conversation the tools act on (a hand-off, a lead); null in a preview. */
  conversation: { id: string; contactId: string } | null;
};

/** What a turn decided and said, before anything of it is stored. */
export type TurnResult = {
  text: string;
  cited: MessageSource[];
  /** null when the turn handed off before any model ran (a request for a person, a spent budget). */
  confidence: number | null;
  intent: Intent;
  handoff: { reason: HandoffReason; message: string } | null;
  /** A hand-off the pipeline decided, for the caller to record (the escalate tool records its own). */
  handoffToRecord: { reason: HandoffReason; summary: string } | null;
  quickReplies: string[];
};

/** What a turn's model calls are logged as in the usage log: a customer's reply, or an owner's preview. */
export type TurnTask = "reply" | "preview";

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

  let turn: TurnResult;
  try {
    turn = await answerTurn(turnInputOf(context), { sink, signal, chain, task: "reply", messageId });
  } catch (error) {
    await setAnswerState(businessId, messageId, "failed");
    throw error;
  }
  const { text, cited, confidence, intent, handoff, handoffToRecord, quickReplies } = turn;
  if (handoffToRecord) {
    await withServiceRole((tx) => handOffConversation(tx, { businessId, conversationId: conversation.id, ...handoffToRecord }));
  }
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

/** A stored message's context as the turn reads it. */
function turnInputOf({ conversation, message, ...rest }: AgentContext): TurnInput {
  return {
    ...rest,
    question: message.content,
    channel: conversation.channel,
    summary: conversation.summary,
    conversation: { id: conversation.id, contactId: conversation.contactId },
  };
}

/**
 * One turn of the pipeline without storing it: intent, the hand-offs that need no model, the model with its tools
 * behind the fallback chain, the guard, the confidence score and the hand-off decision. The text streams to `sink` as
 * it is written. Stores nothing itself: the caller records the hand-off and the reply (a preview records neither);
 * only the tools act, on `input.conversation`, and the model calls are logged as usage under `task`.
 */
export async function answerTurn(
  input: TurnInput,
  {
    sink = nowhere,
    signal,
    chain,
    task,
    messageId,
  }: { sink?: ReplySink; signal?: AbortSignal; chain?: ResolvedChatModel[]; task: TurnTask; /** For the logs. */ messageId?: string },
): Promise<TurnResult> {
  const businessId = input.business.id;
  const question = input.question;
  const detected = detectIntent(question);
  const { risky, topic } = detected;
  // The "Talk to a person" chip asks for a person in every language its label is written in.
  const chipLanguage = personAskedFor(question);
  const intent: Intent = chipLanguage ? "human_request" : detected.intent;
  // Greetings, thanks and goodbyes are answered, never handed off, and never count as an unhelpful answer's reply.
  const smallTalk = intent === "greeting" || intent === "thanks" || intent === "goodbye";
  // The customer's language decides the fixed lines and the one the model is told to answer in; a message with no
  // telling word ("👍") is taken to be in the business's own language.
  const language = chipLanguage ?? detectLanguage(question, languageOfLocale(input.business.locale) ?? "en");
  // A vertical's quick reply ("Ask the team to check availability"): bookings are not taken in the chat, so the chip
  // does what it says by handing the request to a person, with what the customer had asked before it.
  const offer = offerAskedFor(question);
  if (offer) {
    const before = input.turns.findLast((t) => t.role === "customer")?.content.replace(/\s+/g, " ").slice(0, 300);
    const summary = `${OFFER_SUMMARIES[offer.offer]} (quick reply)${before ? `. Before that they asked: ${before}` : "."}`;
    return handoffTurn(input, { sink, intent: "booking", reason: "customer_request", summary, language: offer.language });
  }
  // Two answers in a row did not help: a person takes over rather than the assistant trying a third time.
  const unhelpful = topic || smallTalk || intent === "human_request" ? null : unhelpfulRun(input.turns, question);
  if (unhelpful && unhelpful.answers >= 2) {
    const asked = (unhelpful.question ?? question).replace(/\s+/g, " ").slice(0, 300);
    return handoffTurn(input, { sink, intent, reason: "unhelpful", summary: `Two answers in a row did not help. Asked: ${asked}`, language });
  }
  // Asked for a person (in words or by the chip), or a topic a person must handle (a complaint, a disputed charge, a
  // medical or legal matter): the person answers, at once, whatever the knowledge holds and whichever model would have
  // run, without spending a model call on a reply they will redo.
  if (topic || intent === "human_request") {
    const reason = topic ? TOPIC_REASONS[topic] : "customer_request";
    return handoffTurn(input, { sink, intent, reason, summary: summarise(question, intent), language });
  }
  if (input.tokensUsedToday >= input.settings.dailyTokenBudget) {
    return handoffTurn(input, { sink, intent, reason: "budget_exhausted", summary: `Asked: ${question.slice(0, 300)}`, language });
  }

  const state = newTurnState();
  let guard: ReplyGuard;
  try {
    guard = await runModel(input, { state, sink, signal, chain, task, language });
  } catch (error) {
    log.error("agent.turn_failed", { businessId, messageId, task, error });
    if (state.handoff) guard = new ReplyGuard("");
    else throw error;
  }

  let text = guard.delivered;
  if (guard.leaked) {
    log.warn("agent.prompt_leak_blocked", { businessId, messageId, task });
    sink.text(LEAK_REFUSAL);
  }
  const cited = citedSources(text, state);
  const confidence = replyConfidence({
    support: state.support,
    cited: cited.length > 0,
    risky,
    conversational: smallTalk || (state.leadId !== null && state.support === null),
    fromProfile: state.answeredFromProfile,
    // The fit reads English words (stems, question kinds): in another language the passages' support decides.
    fit: language === "en" ? answerFit(question, text, cited.flatMap((s) => state.headings.get(s.n) ?? [])) : undefined,
  });

  let handoff = state.handoff;
  let handoffToRecord: TurnResult["handoffToRecord"] = null;
  if (!handoff && !guard.leaked && !smallTalk) {
    const reason: HandoffReason | null =
      confidence < input.settings.confidenceThreshold ? (risky ? (intent === "complaint" ? "complaint" : "risky_topic") : "low_confidence")
      : null;
    if (reason) {
      const line = handoffLine(input.hours, language);
      const joined = text ? `\n\n${line}` : line;
      sink.text(joined);
      text += joined;
      handoffToRecord = { reason, summary: summarise(question, intent) };
      handoff = { reason, message: line };
    }
  }
  if (!text.trim()) {
    // A model that only called tools still owes the customer a line.
    text = handoff?.message ?? linesFor(language).didntCatch;
    sink.text(text);
  }

  const quickReplies = handoff ? [] : quickRepliesFor(intent, { vertical: input.business.vertical, language });
  return { text, cited, confidence, intent, handoff, handoffToRecord, quickReplies };
}

async function runModel(
  context: TurnInput,
  {
    state,
    sink,
    signal,
    chain,
    task,
    language,
  }: { state: TurnState; sink: ReplySink; signal?: AbortSignal; chain?: ResolvedChatModel[]; task: TurnTask; language: string },
) {
  const { business, settings, conversation } = context;
  const question = context.question;
  const tools = buildAgentTools({
    businessId: business.id,
    conversationId: conversation?.id ?? null,
    contactId: conversation?.contactId ?? null,
    channel: context.channel,
    question,
    language,
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
      summary: context.summary,
      language,
      channel: context.channel,
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
        conversationId: conversation?.id ?? null,
        task,
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

function handoffTurn(
  input: TurnInput,
  { sink, intent, reason, summary, language }: { sink: ReplySink; intent: Intent; reason: HandoffReason; summary: string; language: string },
): TurnResult {
  const line = handoffLine(input.hours, language);
  sink.text(line);
  return { text: line, cited: [], confidence: null, intent, handoff: { reason, message: line }, handoffToRecord: { reason, summary }, quickReplies: [] };
}
