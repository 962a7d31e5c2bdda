import { and, eq, inArray, sql } from "drizzle-orm";
import { withServiceRole } from "@/lib/db";
import { conversations, messages, type ConversationStatus, type MessageSource } from "@/lib/db/schema";
import type { AgentContext } from "./context";
import type { Intent } from "./intent";

/**
 * What the pipeline writes around a turn (respond.ts): the claim on a customer message, its answer state, and the
 * reply stored with the conversation's running summary. The turn itself stores nothing.
 */

/**
 * Takes the message for answering: only one request or sweeper run answers a message, and each attempt is counted.
 */
export async function claimMessage(businessId: string, messageId: string): Promise<boolean> {
  return withServiceRole(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ answerState: "pending", answerAttempts: sql`${messages.answerAttempts} + 1` })
      .where(and(eq(messages.businessId, businessId), eq(messages.id, messageId), inArray(messages.answerState, ["pending", "failed"])))
      .returning({ id: messages.id });
    return rows.length > 0;
  });
}

export async function setAnswerState(businessId: string, messageId: string, answerState: "skipped" | "failed" | "answered" | "handed_off") {
  await withServiceRole((tx) =>
    tx.update(messages).set({ answerState }).where(and(eq(messages.businessId, businessId), eq(messages.id, messageId))),
  );
}


export async function storeReply(
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
