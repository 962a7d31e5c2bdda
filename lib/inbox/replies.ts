import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { badRequest } from "@/lib/http/errors";
import type { Db } from "@/lib/db";
import { businesses, contactIdentities, contacts, conversations, messages } from "@/lib/db/schema";
import { chatLinkPlaceholder, NO_CHAT_LINK } from "@/lib/email/chat-links";
import { isVisitorOnline } from "@/lib/widget/server/presence";
import type { ConversationState, InboxMessage, SendMessageInput } from "./api";
import { isMember } from "./actions";
import { conversationState, peopleById, requireConversation, toInboxMessage } from "./detail";

const isReply = (input: SendMessageInput) => input.kind === "reply";

type Scope = { businessId: string; conversationId: string; userId: string };

/**
 * A staff member's reply to the customer, or an internal note for the team, in the caller's transaction (as them,
 * under RLS). A reply takes over a conversation nobody owns, starts the clock's "answered", and, when a website
 * visitor has left and gave an email, queues the reply to them by email with a link back to the chat. A note tells the
 * members it mentions. Returns the stored message and the conversation's new state.
 */
export async function sendStaffMessage(
  tx: Db,
  scope: Scope,
  input: SendMessageInput,
  now = new Date(),
): Promise<{ message: InboxMessage; conversation: ConversationState; emailed: boolean }> {
  const before = await requireConversation(tx, scope);
  for (const userId of isReply(input) ? [] : new Set(input.mentions)) {
    if (!(await isMember(tx, scope.businessId, userId))) throw badRequest("mentions", "only members of this business can be mentioned");
  }
  const id = randomUUID();
  const reply = isReply(input);
  await tx.insert(messages).values({
    id,
    businessId: scope.businessId,
    conversationId: scope.conversationId,
    channel: before.channel,
    role: reply ? "agent" : "note",
    content: input.text,
    authorId: scope.userId,
    // Widget replies are on the server the moment they are stored: the visitor's open chat streams them.
    deliveryStatus: reply && before.channel === "widget" ? "sent" : reply ? "pending" : "sent",
    mentions: reply ? [] : [...new Set(input.mentions)],
    createdAt: now,
  });

  let after = before;
  if (reply) {
    // One statement decides from the row as it is when locked, not as it was read above: a teammate's take-over that
    // committed in between keeps its owner, and a resolved conversation reopens to whoever replied.
    const at = sql`${now.toISOString()}::timestamptz`;
    const me = sql`${scope.userId}::uuid`;
    const [row] = await tx
      .update(conversations)
      .set({
        lastMessageAt: now,
        firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${at})`,
        status: "human",
        assigneeId: sql`case when ${conversations.status} = 'resolved' then ${me} else coalesce(${conversations.assigneeId}, ${me}) end`,
        takenOverAt: sql`case when ${conversations.status} = 'human' then ${conversations.takenOverAt} else ${at} end`,
        resolvedAt: null,
      })
      .where(and(eq(conversations.businessId, scope.businessId), eq(conversations.id, scope.conversationId)))
      .returning();
    after = row!;
  }

  const people = await peopleById(tx, [scope.userId, ...(reply ? [] : input.mentions)]);
  const me = people.get(scope.userId)?.name ?? "A teammate";
  if (!reply && input.mentions.length > 0) {
    await tx.execute(
      sql`select private.notify_members(${scope.businessId}::uuid, ${scope.conversationId}::uuid, ${`{${[...new Set(input.mentions)].join(",")}}`}::uuid[], 'mention', ${`${me} mentioned you in a note`}, ${input.text.slice(0, 2000)})`,
    );
  }
  const emailed = reply && before.channel === "widget" ? await emailReplyIfVisitorLeft(tx, { ...scope, messageId: id, contactId: before.contactId, text: input.text, from: me, now }) : false;

  const [stored] = await tx.select().from(messages).where(and(eq(messages.businessId, scope.businessId), eq(messages.id, id)));
  return { message: toInboxMessage(stored!, people), conversation: await conversationState(tx, after), emailed };
}

/**
 * The visitor is gone (their chat has not been open for a while) and left an email: the reply goes there too, with a
 * link that reopens their chat when it is the address they gave in the chat. That link carries a visitor token, so
 * the outbox row (which owners read) holds only a placeholder naming this reply; the token is minted when the email
 * is delivered (lib/email/chat-links).
 */
async function emailReplyIfVisitorLeft(
  tx: Db,
  { businessId, messageId, contactId, text, from, now }: Scope & { messageId: string; contactId: string; text: string; from: string; now: Date },
): Promise<boolean> {
  const [contact] = await tx
    .select({ email: contacts.email, lastSeenAt: contacts.lastSeenAt, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
  if (!contact?.email || isVisitorOnline(contact.lastSeenAt, now)) return false;
  const identities = await tx
    .select({ visitorId: contactIdentities.externalId, visitorEmail: contactIdentities.visitorEmail })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.businessId, businessId), eq(contactIdentities.contactId, contactId), eq(contactIdentities.channel, "widget")));
  // The link back to the chat is a visitor's token: only for the address that visitor gave in the chat themselves. A
  // contact email a member wrote (a correction, or their own address) gets the reply without it.
  const recipient = contact.email.toLowerCase();
  const linked = identities.find((i) => i.visitorEmail === recipient);
  const identity = linked ?? identities[0];
  const [business] = await tx.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, businessId));
  if (!identity || !business) return false;
  const subject = `${business.name} replied to your message`;
  const body = [
    contact.name ? `Hi ${contact.name},` : "Hi,",
    "",
    `${from} from ${business.name} replied to you:`,
    "",
    text,
    "",
    linked
      ? `Continue the conversation: ${chatLinkPlaceholder(messageId)}`
      : `Continue the conversation: ${NO_CHAT_LINK}.`,
    "",
    `You are receiving this because you left your email in ${business.name}'s website chat.`,
  ].join("\n");
  await tx.execute(sql`select private.queue_staff_reply_email(${messageId}::uuid, ${subject}, ${body})`);
  return true;
}
