import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { contacts, conversations, memberships, notifications } from "@/lib/db/schema";

export const handoffReasons = ["customer_request", "low_confidence", "risky_topic", "no_answer", "complaint", "budget_exhausted", "other"] as const;
export type HandoffReason = (typeof handoffReasons)[number];

const REASON_LABELS: Record<HandoffReason, string> = {
  customer_request: "asked for a person",
  low_confidence: "the assistant was not sure of its answer",
  risky_topic: "a sensitive topic",
  no_answer: "the knowledge base had no answer",
  complaint: "a complaint",
  budget_exhausted: "the assistant's daily budget is spent",
  other: "the assistant handed over",
};

/**
 * Moves a conversation the AI was handling to "needs a person" and tells every member of the business (a
 * notification row each; the realtime toast and push follow from those rows). Only a conversation the AI owns is
 * handed off, so a second trigger in the same conversation, or one a person already took, changes nothing and
 * notifies nobody twice. Returns whether this call handed it off.
 */
export async function handOffConversation(
  tx: Db,
  { businessId, conversationId, reason, summary }: { businessId: string; conversationId: string; reason: HandoffReason; summary: string },
): Promise<boolean> {
  const changed = await tx
    .update(conversations)
    .set({ status: "needs_human", handoffReason: reason, handedOffAt: new Date() })
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId), eq(conversations.status, "ai")))
    .returning({ contactId: conversations.contactId });
  const contactId = changed[0]?.contactId;
  if (!contactId) return false;

  const [contact] = await tx.select({ name: contacts.name, email: contacts.email }).from(contacts)
    .where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
  const who = contact?.name || contact?.email || "A website visitor";
  const members = await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.businessId, businessId));
  if (members.length > 0) {
    await tx.insert(notifications).values(
      members.map(({ userId }) => ({
        businessId,
        userId,
        type: "handoff",
        title: `${who} needs a person`.slice(0, 200),
        body: `${REASON_LABELS[reason]}${summary ? `: ${summary}` : ""}`.slice(0, 2000),
        conversationId,
      })),
    );
  }
  return true;
}

/** Whether the conversation is waiting for or owned by a person (the agent stays quiet). */
export async function conversationStatus(tx: Db, { businessId, conversationId }: { businessId: string; conversationId: string }) {
  const [row] = await tx
    .select({ status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  return row?.status ?? null;
}
