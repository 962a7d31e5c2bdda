import { and, desc, eq, inArray } from "drizzle-orm";
import { stripInvisible } from "@/lib/agent/guardrails";
import type { Db } from "@/lib/db";
import { aiSettings, businesses, contacts, conversations, knowledgeChunks, knowledgeDocuments, leads, messages } from "@/lib/db/schema";
import type { GoalMessage } from "./goal";

/** Messages the copilot reads: enough for a long booking conversation, few enough to keep the prompt small. */
const MESSAGES_READ = 40;
/** Knowledge passages scanned for service names. */
const CATALOGUE_CHUNKS = 200;
const CATALOGUE_CATEGORIES = ["services", "prices", "rooms", "rates"] as const;

/** A message the customer saw: theirs, the assistant's, or a staff member's reply. */
export type CopilotMessage = GoalMessage & { id: string; role: "customer" | "ai" | "agent"; createdAt: Date; intent: string | null };

export type CopilotConversation = {
  business: { id: string; name: string; vertical: string; timeZone: string; locale: string; currency: string };
  settings: { primaryModel: string | null; fallbackModel: string | null; dailyTokenBudget: number; instructions: string };
  conversation: { id: string; status: string; channel: string; handoffReason: string | null };
  contact: { name: string; email: string | null; phone: string | null };
  lead: { name: string; email: string | null; phone: string | null; intent: string; details: string } | null;
  /** What the customer and the business said to each other, oldest first: no internal notes, no system lines. */
  messages: CopilotMessage[];
  /** Names of the business's services and products, from its service and price knowledge. */
  services: string[];
};

/**
 * Everything the copilot and the hand-off package read about one conversation, in the caller's transaction (a service
 * transaction: every query is filtered by the business id). Null when the conversation is not this business's.
 */
export async function loadCopilotConversation(
  tx: Db,
  { businessId, conversationId }: { businessId: string; conversationId: string },
): Promise<CopilotConversation | null> {
  const [row] = await tx
    .select({ business: businesses, settings: aiSettings, conversation: conversations, contact: contacts })
    .from(conversations)
    .innerJoin(businesses, eq(businesses.id, conversations.businessId))
    .innerJoin(aiSettings, eq(aiSettings.businessId, conversations.businessId))
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.businessId, conversations.businessId)))
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  if (!row) return null;

  const recent = await tx
    .select({ id: messages.id, role: messages.role, content: messages.content, createdAt: messages.createdAt, intent: messages.intent })
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.conversationId, conversationId), inArray(messages.role, ["customer", "ai", "agent"])))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(MESSAGES_READ);
  const [lead] = await tx
    .select({ name: leads.name, email: leads.email, phone: leads.phone, intent: leads.intent, details: leads.details })
    .from(leads)
    .where(and(eq(leads.businessId, businessId), eq(leads.contactId, row.conversation.contactId)))
    .limit(1);

  return {
    business: {
      id: row.business.id,
      name: row.business.name,
      vertical: row.business.vertical,
      timeZone: row.business.timeZone,
      locale: row.business.locale,
      currency: row.business.currency,
    },
    settings: {
      primaryModel: row.settings.primaryModel,
      fallbackModel: row.settings.fallbackModel,
      dailyTokenBudget: row.settings.dailyTokenBudget,
      instructions: row.settings.instructions,
    },
    conversation: { id: row.conversation.id, status: row.conversation.status, channel: row.conversation.channel, handoffReason: row.conversation.handoffReason },
    contact: { name: row.contact.name, email: row.contact.email, phone: row.contact.phone },
    lead: lead ?? null,
    messages: recent.reverse().flatMap((m): CopilotMessage[] => {
      if (m.role !== "customer" && m.role !== "ai" && m.role !== "agent") return [];
      return [{ ...m, role: m.role, content: m.role === "customer" ? stripInvisible(m.content) : m.content }];
    }),
    services: await serviceNames(tx, { businessId }),
  };
}

// Catalogue headings that name the list, not a service ("Services and prices", "Room rates").
const LIST_NAMES = /\b(prices?|pricing|services|rates|menu|price list|tariffs?|overview)\b/i;
// "- Women's cut and blow-dry: €48 (about 60 minutes)" → "Women's cut and blow-dry".
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+(?:\*\*)?([^:–—\n|]{2,60}?)(?:\*\*)?\s*(?::|–|—|\s-\s|\||\.{2,}|\s(?=[€£$]\s?\d))/gm;
// "Full colour from €65. Balayage from €120." → "Full colour", "Balayage".
const PRICED = /(?:^|[.!?]\s+|\n)([A-ZÀ-Ý][\p{L}'’ -]{1,40}?)(?::|\s+(?:from|costs?|is|are|at))\s+[€£$]\s?\d/gmu;

/** The business's service and product names: titles, headings and price-list items of its service knowledge. */
export async function serviceNames(tx: Db, { businessId }: { businessId: string }): Promise<string[]> {
  const rows = await tx
    .select({ title: knowledgeDocuments.title, headingPath: knowledgeChunks.headingPath, content: knowledgeChunks.content })
    .from(knowledgeChunks)
    .innerJoin(knowledgeDocuments, and(eq(knowledgeDocuments.id, knowledgeChunks.documentId), eq(knowledgeDocuments.businessId, knowledgeChunks.businessId)))
    .where(
      and(
        eq(knowledgeChunks.businessId, businessId),
        eq(knowledgeDocuments.enabled, true),
        inArray(knowledgeDocuments.category, [...CATALOGUE_CATEGORIES]),
      ),
    )
    .orderBy(knowledgeChunks.documentId, knowledgeChunks.chunkIndex)
    .limit(CATALOGUE_CHUNKS);
  const names = new Set<string>();
  const add = (raw: string) => {
    const name = stripInvisible(raw).replace(/\*\*|__|#/g, "").replace(/\s+/g, " ").trim();
    if (name.length >= 2 && name.length <= 60 && !LIST_NAMES.test(name)) names.add(name);
  };
  for (const row of rows) {
    add(row.title);
    row.headingPath.forEach(add);
    for (const match of row.content.matchAll(LIST_ITEM)) add(match[1]!);
    for (const match of row.content.matchAll(PRICED)) add(match[1]!);
  }
  return [...names];
}

/** Whether the conversation is this business's (in a member's transaction, RLS agrees): 404 otherwise. */
export async function conversationExists(tx: Db, { businessId, conversationId }: { businessId: string; conversationId: string }): Promise<boolean> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  return row !== undefined;
}
