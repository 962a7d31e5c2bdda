import { and, eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db";
import { businesses, contactIdentities, contacts, conversations, messages } from "@/lib/db/schema";
import { issueVisitorToken } from "@/lib/widget/server/visitor-token";

/**
 * A reply emailed to a website visitor links back to their chat with a visitor token: whoever holds the link is that
 * visitor. The outbox row is read by the business's owners (Settings → Email outbox) and the local mailbox, who must
 * not be able to act as the customer, so the row stores a placeholder naming the staff reply, and the token is minted
 * only where the email leaves for the customer: the sender, just before it calls the email API, and the local
 * mailbox's operator view (the embedded stand-in for the customer's inbox).
 */

const PLACEHOLDER = /\[\[chat-link:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]\]/gi;

/** What people other than the customer read where the link goes. */
export const CHAT_LINK_NOTE = "[a private link back to the chat is added when this email is sent]";

/** What the customer reads instead when no link can be made (the address is not the one they gave in the chat). */
export const NO_CHAT_LINK = "reply in the chat on our website";

/** Where the link to the chat goes, for the staff reply `messageId`. */
export const chatLinkPlaceholder = (messageId: string) => `[[chat-link:${messageId}]]`;

export const withoutChatLinks = (text: string) => text.replace(PLACEHOLDER, CHAT_LINK_NOTE);

/**
 * The link for one staff reply, or null. The reply must be a staff reply in this email's business, in the chat of a
 * visitor who gave this email's recipient as their address themselves (the widget identity's `visitor_email`, which
 * members cannot write): a token only ever goes to the visitor it names, at the address they gave. The contact's
 * email is not enough, since any member may edit it (to their own address, say); a member who could write the
 * placeholder into another email would still only send a visitor their own chat.
 */
async function chatLink(db: Db, email: { businessId: string | null; toEmail: string }, messageId: string): Promise<string | null> {
  if (!email.businessId) return null;
  const [row] = await db
    .select({ visitorId: contactIdentities.externalId, widgetKey: businesses.widgetKey })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.businessId, messages.businessId), eq(conversations.id, messages.conversationId)))
    .innerJoin(contacts, and(eq(contacts.businessId, conversations.businessId), eq(contacts.id, conversations.contactId)))
    .innerJoin(
      contactIdentities,
      and(eq(contactIdentities.businessId, contacts.businessId), eq(contactIdentities.contactId, contacts.id), eq(contactIdentities.channel, "widget")),
    )
    .innerJoin(businesses, eq(businesses.id, messages.businessId))
    .where(
      and(
        eq(messages.businessId, email.businessId),
        eq(messages.id, messageId),
        eq(messages.role, "agent"),
        sql`${contactIdentities.visitorEmail} = lower(${email.toEmail})`,
      ),
    )
    .limit(1);
  if (!row) return null;
  const { token } = await issueVisitorToken({ businessId: email.businessId, widgetKey: row.widgetKey, visitorId: row.visitorId });
  // The token rides in the fragment, which never reaches a server log.
  return `${getConfig().appUrl}/widget/frame?key=${encodeURIComponent(row.widgetKey)}#t=${token}`;
}

/**
 * The email's text with each placeholder replaced by a working link, or by `fallback` when it cannot be resolved:
 * the note for people reading the outbox, a plain line for the customer (the sender).
 */
export async function withChatLinks(
  db: Db,
  email: { businessId: string | null; toEmail: string; bodyText: string },
  fallback: string = CHAT_LINK_NOTE,
): Promise<string> {
  const ids = [...new Set([...email.bodyText.matchAll(PLACEHOLDER)].map((m) => m[1]!.toLowerCase()))];
  if (ids.length === 0) return email.bodyText;
  const links = new Map<string, string | null>();
  for (const id of ids) links.set(id, await chatLink(db, email, id));
  return email.bodyText.replace(PLACEHOLDER, (_, id: string) => links.get(id.toLowerCase()) ?? fallback);
}
