import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { buildHandoffContext } from "@/lib/copilot/handoff-context";
import { businesses, contacts, conversations } from "@/lib/db/schema";
import { notifyHandoff } from "@/lib/notifications/recipients";
import { closedAt } from "@/lib/notifications/sla";
import { handoffReasonText, type HandoffReason } from "./handoff-reasons";

export { handoffReasons, type HandoffReason } from "./handoff-reasons";

/**
 * Moves a conversation the AI was handling to "needs a person": attaches the context package a person needs to answer
 * well, restarts the service-level clock, and tells the members on duty (a notification row each; the realtime toast,
 * the push and the email follow from those rows). Only a conversation the AI owns is handed off, so a second trigger
 * in the same conversation, or one a person already took, changes nothing and notifies nobody twice. Returns whether
 * this call handed it off.
 */
export async function handOffConversation(
  tx: Db,
  {
    businessId,
    conversationId,
    reason,
    summary,
    now = new Date(),
  }: { businessId: string; conversationId: string; reason: HandoffReason; summary: string; /** Tests pin the clock (after hours). */ now?: Date },
): Promise<boolean> {
  const [business] = await tx.select({ openingHours: businesses.openingHours, timeZone: businesses.timeZone }).from(businesses).where(eq(businesses.id, businessId));
  // "After hours" is about the handoff: the customer waits for the morning, and the SLA clock starts at the opening.
  const afterHours = business ? closedAt(business, now) : false;
  const changed = await tx
    .update(conversations)
    .set({ status: "needs_human", handoffReason: reason, handedOffAt: now, afterHours, firstOpenedAt: null, firstResponseAt: null, slaStage: 0 })
    .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId), eq(conversations.status, "ai")))
    .returning({ contactId: conversations.contactId });
  const contactId = changed[0]?.contactId;
  if (!contactId) return false;

  const context = await buildHandoffContext(tx, { businessId, conversationId, reason, summary });
  await tx.update(conversations).set({ handoffContext: context }).where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  const [contact] = await tx.select({ name: contacts.name, email: contacts.email }).from(contacts)
    .where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
  const who = contact?.name || contact?.email || "A website visitor";
  await notifyHandoff(
    tx,
    {
      businessId,
      conversationId,
      type: "handoff",
      title: `${who} needs a person`.slice(0, 200),
      body: `${handoffReasonText(reason)}${summary ? `: ${summary}` : ""}`.slice(0, 2000),
    },
    now,
  );
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
