import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { pgErrorOf } from "@/lib/db/errors";
import { contactIdentities, contacts, conversations, messages, type Channel, type ConversationStatus } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";

/** One inbound customer message, whatever channel it came from (DESIGN.md: the message pipeline). */
export type InboundMessage = {
  businessId: string;
  channel: Channel;
  /** The customer's id on the channel: a widget visitor id, a phone number, an Instagram user id. */
  contactExternalId: string;
  /** The channel's id for this message (the widget's clientMessageId): a retried delivery is stored once. */
  externalMessageId: string;
  text: string;
  contactName?: string;
  locale?: string | null;
  /** The privacy notice the customer accepted with this message, if the business shows one. */
  consentNotice?: string | null;
  afterHours: boolean;
};

export type IngestedMessage = {
  messageId: string;
  conversationId: string;
  contactId: string;
  status: ConversationStatus;
  /** True when this delivery was already stored: nothing new was written. */
  duplicate: boolean;
  /** True when the agent should answer it (false when a person owns the conversation or it was answered). */
  needsAnswer: boolean;
};

/** A message id (a provider's, or the widget's client message id) that another sender's message already has. */
const messageIdTaken = () =>
  new ApiError(409, "message_id_taken", "This message id belongs to another conversation; send the message with a new id");

/** Who answers a conversation in this status: the agent only while it is the AI's. */
export const agentAnswers = (status: ConversationStatus) => status === "ai";

/**
 * Stores a customer message before anything else happens to it (DESIGN.md: never lost), in the caller's transaction:
 * the contact by its channel identity, their open conversation (a resolved one is reopened to the AI, a new one
 * started when there is none), and the message, idempotent on the channel's message id for the same sender: a
 * delivery retried by the sender is stored once, an id already used by another sender is a 409 `message_id_taken`
 * and writes nothing. Runs on the service path; the business id comes from a verified key or signature.
 */
export async function ingestCustomerMessage(tx: Db, input: InboundMessage): Promise<IngestedMessage> {
  const { businessId, channel } = input;
  // Serialises the same contact's concurrent first messages so they find one contact and one conversation.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${businessId}:${channel}:${input.contactExternalId}`}, 0))`);

  // Idempotency is the sender's own: a message id already stored for someone else (a visitor replaying another
  // visitor's client message id) is refused before anything is written, never answered with their conversation.
  const [existing] = await tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      answerState: messages.answerState,
      status: conversations.status,
      contactId: conversations.contactId,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.businessId, messages.businessId), eq(conversations.id, messages.conversationId)))
    .where(and(eq(messages.businessId, businessId), eq(messages.channel, channel), eq(messages.externalId, input.externalMessageId)));
  if (existing) {
    const sender = await findContactByIdentity(tx, { businessId, channel, externalId: input.contactExternalId });
    if (sender !== existing.contactId) throw messageIdTaken();
    return {
      messageId: existing.id,
      conversationId: existing.conversationId,
      contactId: existing.contactId,
      status: existing.status,
      duplicate: true,
      needsAnswer: existing.answerState === "pending" || existing.answerState === "failed",
    };
  }

  const contactId = await findOrCreateContact(tx, input);
  const [open] = await tx
    .select({ id: conversations.id, status: conversations.status, consentedAt: conversations.consentedAt })
    .from(conversations)
    .where(and(eq(conversations.businessId, businessId), eq(conversations.contactId, contactId), eq(conversations.channel, channel)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);

  const now = new Date();
  let conversationId: string;
  let status: ConversationStatus;
  if (!open) {
    conversationId = randomUUID();
    status = "ai";
    await tx.insert(conversations).values({
      id: conversationId,
      businessId,
      contactId,
      channel,
      afterHours: input.afterHours,
      lastMessageAt: now,
      lastCustomerMessageAt: now,
      consentedAt: input.consentNotice ? now : null,
      consentNotice: input.consentNotice ?? null,
    });
  } else {
    conversationId = open.id;
    // A customer writing again after a resolution starts a new exchange with the AI.
    status = open.status === "resolved" ? "ai" : open.status;
    await tx
      .update(conversations)
      .set({
        status,
        lastMessageAt: now,
        lastCustomerMessageAt: now,
        ...(open.status === "resolved" ? { resolvedAt: null, afterHours: input.afterHours } : {}),
        ...(input.consentNotice && !open.consentedAt ? { consentedAt: now, consentNotice: input.consentNotice } : {}),
      })
      .where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId)));
  }

  const messageId = randomUUID();
  const needsAnswer = agentAnswers(status);
  try {
    await tx.insert(messages).values({
      id: messageId,
      businessId,
      conversationId,
      channel,
      role: "customer",
      content: input.text,
      externalId: input.externalMessageId,
      deliveryStatus: "delivered",
      answerState: needsAnswer ? "pending" : "skipped",
      createdAt: now,
    });
  } catch (error) {
    // Another sender's message with this id committed in the meantime (the lock above is per sender): the caller's
    // transaction rolls back, contact and conversation writes with it.
    if (pgErrorOf(error)?.code === "23505") throw messageIdTaken();
    throw error;
  }
  await tx.update(contacts).set({ lastSeenAt: now }).where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
  return { messageId, conversationId, contactId, status, duplicate: false, needsAnswer };
}

async function findOrCreateContact(tx: Db, input: InboundMessage): Promise<string> {
  const [identity] = await tx
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.businessId, input.businessId),
        eq(contactIdentities.channel, input.channel),
        eq(contactIdentities.externalId, input.contactExternalId),
      ),
    );
  if (identity) return identity.contactId;
  const contactId = randomUUID();
  await tx.insert(contacts).values({ id: contactId, businessId: input.businessId, name: input.contactName ?? "", locale: input.locale ?? null });
  await tx.insert(contactIdentities).values({
    businessId: input.businessId,
    contactId,
    channel: input.channel,
    externalId: input.contactExternalId,
  });
  return contactId;
}

/** The contact behind a channel identity, if they have written before. */
export async function findContactByIdentity(
  tx: Db,
  { businessId, channel, externalId }: { businessId: string; channel: Channel; externalId: string },
): Promise<string | null> {
  const [row] = await tx
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.businessId, businessId), eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, externalId)));
  return row?.contactId ?? null;
}

/** The contact's latest conversation on a channel (open or not). */
export async function latestConversation(
  tx: Db,
  { businessId, contactId, channel }: { businessId: string; contactId: string; channel: Channel },
) {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.businessId, businessId), eq(conversations.contactId, contactId), eq(conversations.channel, channel)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ?? null;
}
