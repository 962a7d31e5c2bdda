import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { ModelMessage } from "ai";
import { rowsOf, type Db } from "@/lib/db";
import { aiSettings, businesses, contacts, conversations, messages } from "@/lib/db/schema";
import { stripInvisible } from "./guardrails";
import { hoursState, type HoursState } from "./hours";
import type { Turn } from "./unhelpful";

/** Turns of history the model sees; older ones live in the running summary. */
const HISTORY_TURNS = 12;

export type AgentContext = {
  business: typeof businesses.$inferSelect;
  settings: typeof aiSettings.$inferSelect;
  hours: HoursState;
  conversation: typeof conversations.$inferSelect;
  contact: { name: string; email: string | null; phone: string | null };
  message: { id: string; content: string; createdAt: Date; answerAttempts: number };
  /** Earlier turns, oldest first, as the model reads them. */
  history: ModelMessage[];
  /** The same turns with who said them (the AI or a person), for the "two unhelpful answers in a row" trigger. */
  turns: Turn[];
  tokensUsedToday: number;
};

/**
 * Everything the agent needs to answer one customer message, read in one short service transaction (the model call
 * must not hold a transaction open). Null when the message is gone or not a customer message of this business.
 */
export async function loadAgentContext(
  tx: Db,
  { businessId, messageId, now = new Date() }: { businessId: string; messageId: string; now?: Date },
): Promise<AgentContext | null> {
  const [message] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.id, messageId), eq(messages.role, "customer")));
  if (!message) return null;
  const [row] = await tx
    .select({ business: businesses, settings: aiSettings, conversation: conversations, contact: contacts })
    .from(conversations)
    .innerJoin(businesses, eq(businesses.id, conversations.businessId))
    .innerJoin(aiSettings, eq(aiSettings.businessId, conversations.businessId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, message.conversationId)));
  if (!row) return null;

  const earlier = await tx
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.conversationId, message.conversationId), lt(messages.createdAt, message.createdAt)))
    .orderBy(desc(messages.createdAt))
    .limit(HISTORY_TURNS);
  const turns: Turn[] = earlier
    .reverse()
    .flatMap((m) => (m.role === "customer" || m.role === "ai" || m.role === "agent" ? [{ role: m.role, content: m.role === "customer" ? stripInvisible(m.content) : m.content }] : []));
  const history: ModelMessage[] = turns.map((m) =>
    m.role === "customer" ? { role: "user" as const, content: m.content } : { role: "assistant" as const, content: m.content },
  );

  return {
    business: row.business,
    settings: row.settings,
    hours: hoursState(row.business.openingHours ?? {}, row.business.timeZone, now),
    conversation: row.conversation,
    contact: { name: row.contact.name, email: row.contact.email, phone: row.contact.phone },
    message: { id: message.id, content: stripInvisible(message.content), createdAt: message.createdAt, answerAttempts: message.answerAttempts },
    history,
    turns,
    tokensUsedToday: await tokensUsedToday(tx, { businessId, timeZone: row.business.timeZone, now }),
  };
}

/** Tokens the business's AI calls used since midnight in its own time zone (the daily budget's meter). */
export async function tokensUsedToday(tx: Db, { businessId, timeZone, now = new Date() }: { businessId: string; timeZone: string; now?: Date }) {
  const startOfDay = sql`(date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})`;
  // The budget caps what models cost: the built-in offline model is free and local, so its tokens are not counted.
  const rows = await tx.execute(sql`select coalesce(sum(prompt_tokens + completion_tokens), 0)::bigint as used
    from public.ai_usage where business_id = ${businessId} and created_at >= ${startOfDay} and provider <> 'offline'`);
  return Number(rowsOf(rows)[0]?.used ?? 0);
}

