import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  businesses,
  contactIdentities,
  contacts,
  conversations,
  leads,
  messages,
  profiles,
  teams,
  type HandoffContext,
} from "@/lib/db/schema";
import { notFound } from "@/lib/http/errors";
import { isVisitorOnline } from "@/lib/widget/server/presence";
import { slaDueAt } from "@/lib/notifications/sla";
import type { ConversationDetail, ConversationState, InboxMessage, Person } from "./api";
import { preview } from "./list";

/** How many of a conversation's latest messages the view loads; older ones are rarely needed to answer. */
const MESSAGE_LIMIT = 500;

type ConversationRow = typeof conversations.$inferSelect;

/** Display names of people by id: their full name, else their email. */
export async function peopleById(tx: Db, ids: string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.select({ id: profiles.id, fullName: profiles.fullName, email: profiles.email }).from(profiles).where(inArray(profiles.id, unique));
  return new Map(rows.map((r) => [r.id, { userId: r.id, name: r.fullName || r.email }]));
}

/** The conversation row (through RLS), or a 404: a conversation of another business does not exist for the caller. */
export async function requireConversation(tx: Db, { businessId, conversationId }: { businessId: string; conversationId: string }): Promise<ConversationRow> {
  const [row] = await tx.select().from(conversations).where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  if (!row) throw notFound("Conversation not found");
  return row;
}

/** The conversation's state as the inbox shows it: who owns it, its team, the handoff and its service-level clock. */
export async function conversationState(tx: Db, row: ConversationRow): Promise<ConversationState> {
  const [people, team, business] = await Promise.all([
    peopleById(tx, row.assigneeId ? [row.assigneeId] : []),
    row.teamId ? tx.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.businessId, row.businessId), eq(teams.id, row.teamId))) : Promise.resolve([]),
    tx
      .select({ handoffSlaMinutes: businesses.handoffSlaMinutes, openingHours: businesses.openingHours, timeZone: businesses.timeZone })
      .from(businesses)
      .where(eq(businesses.id, row.businessId)),
  ]);
  const due = business[0] ? slaDueAt(row, business[0]) : null;
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    priority: row.priority,
    assignee: row.assigneeId ? (people.get(row.assigneeId) ?? { userId: row.assigneeId, name: "A former member" }) : null,
    team: team[0] ?? null,
    handoffReason: row.handoffReason,
    handedOffAt: row.handedOffAt?.toISOString() ?? null,
    handoffContext: (row.handoffContext as HandoffContext | null) ?? null,
    takenOverAt: row.takenOverAt?.toISOString() ?? null,
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    afterHours: row.afterHours,
    summary: row.summary,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    lastMessageAt: row.lastMessageAt.toISOString(),
    slaDueAt: due?.toISOString() ?? null,
  };
}

type MessageRow = typeof messages.$inferSelect;

export function toInboxMessage(row: MessageRow, people: Map<string, Person>): InboxMessage {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    author: row.authorId ? (people.get(row.authorId) ?? { userId: row.authorId, name: "A former member" }) : null,
    confidence: row.confidence,
    sources: (row.sources ?? []).map(({ n, title, documentId }) => ({ n, title, documentId })),
    deliveryStatus: row.deliveryStatus,
    intent: row.intent,
    mentions: (row.mentions ?? []).map((id) => people.get(id) ?? { userId: id, name: "A former member" }),
  };
}

/** Everything the conversation view needs in one read: state, messages, the contact and their history, their lead. */
export async function getConversationDetail(
  tx: Db,
  { businessId, conversationId, now = new Date() }: { businessId: string; conversationId: string; now?: Date },
): Promise<ConversationDetail> {
  const row = await requireConversation(tx, { businessId, conversationId });
  const [state, contactRows, identities, previous, leadRows, latest] = await Promise.all([
    conversationState(tx, row),
    tx.select().from(contacts).where(and(eq(contacts.businessId, businessId), eq(contacts.id, row.contactId))),
    tx
      .select({ channel: contactIdentities.channel, externalId: contactIdentities.externalId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.businessId, businessId), eq(contactIdentities.contactId, row.contactId)))
      .orderBy(asc(contactIdentities.createdAt)),
    tx
      .select({ id: conversations.id, status: conversations.status, channel: conversations.channel, lastMessageAt: conversations.lastMessageAt, summary: conversations.summary })
      .from(conversations)
      .where(and(eq(conversations.businessId, businessId), eq(conversations.contactId, row.contactId), ne(conversations.id, row.id)))
      .orderBy(desc(conversations.lastMessageAt))
      .limit(10),
    tx.select().from(leads).where(and(eq(leads.businessId, businessId), eq(leads.contactId, row.contactId))),
    tx
      .select()
      .from(messages)
      .where(and(eq(messages.businessId, businessId), eq(messages.conversationId, row.id)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(MESSAGE_LIMIT),
  ]);
  const contact = contactRows[0]!;
  const ordered = latest.reverse();
  const people = await peopleById(tx, ordered.flatMap((m) => [...(m.authorId ? [m.authorId] : []), ...(m.mentions ?? [])]));
  const lead = leadRows[0];
  return {
    conversation: state,
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      locale: contact.locale,
      lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
      online: row.channel === "widget" && isVisitorOnline(contact.lastSeenAt, now),
      identities,
    },
    previousConversations: previous.map((p) => ({
      id: p.id,
      status: p.status,
      channel: p.channel,
      lastMessageAt: p.lastMessageAt.toISOString(),
      preview: preview(p.summary.replace(/^Customer asked: /, "")),
    })),
    lead: lead
      ? { id: lead.id, name: lead.name, email: lead.email, phone: lead.phone, intent: lead.intent, details: lead.details, status: lead.status }
      : null,
    messages: ordered.map((m) => toInboxMessage(m, people)),
  };
}
