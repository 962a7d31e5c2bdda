import { and, desc, eq, inArray } from "drizzle-orm";
import { listCustomerMessages } from "@/lib/conversations/history";
import { findContactByIdentity, latestConversation } from "@/lib/conversations/ingest";
import { withServiceRole, type Db } from "@/lib/db";
import { businesses, conversations, messages, type ConversationStatus } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { subscribeToChanges } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { sseResponse, type SseOptions } from "@/lib/realtime/sse";
import { markVisitorSeen, PRESENCE_INTERVAL_MS } from "./presence";
import type { Visitor } from "./visitor";

export type VisitorStreamOptions = SseOptions & { presenceMs?: number };

const VISIBLE_ROLES = ["customer", "ai", "agent", "system"] as const;
const isVisibleRole = (role: string) => (VISIBLE_ROLES as readonly string[]).includes(role);
// Ids recently sent, so that a message read twice (see the out-of-order case below) is sent once.
const SENT_MEMORY = 200;

/**
 * The chat's live stream for one visitor: `ready` first (the chat then reads what it missed with
 * GET /api/widget/messages?after=), then `message` events (a customer-visible message of their own conversation, as
 * `listCustomerMessages` shapes it, never an internal note; `id:` is the message id) and `status` events (`{ status }`
 * when their conversation's status changes). It ends when the authority it was opened under does: the widget key is
 * replaced (or the business deleted), the token expires, or the streams' maximum lifetime passes; the chat then
 * reconnects and is authorised afresh. The key is announced by the database (`widget.key_changed`) and also checked
 * once the subscription is open (a replacement committed after the request was authorised and before the stream
 * listened was never announced to it) and on every presence tick (hosted, a LISTEN through a transaction pooler hears
 * nothing at all), so a missed announcement costs at most one presence interval. While it is open the contact's `last_seen_at` stays fresh (see
 * `isVisitorOnline`), and a staff reply it hands over is marked delivered. Nothing of another conversation or business
 * reaches it: every event is matched to the business of the verified token, then to the visitor's own conversation,
 * before anything is read.
 */
export function visitorEventStream(
  request: Request,
  visitor: Visitor,
  { presenceMs = PRESENCE_INTERVAL_MS, ...sse }: VisitorStreamOptions = {},
): Response {
  const businessId = visitor.business.id;
  const contactOf = (tx: Db) => findContactByIdentity(tx, { businessId, channel: "widget", externalId: visitor.visitorId });

  return sseResponse(
    request.signal,
    async (channel) => {
      let contactId: string | null = null;
      let conversationId: string | null = null;
      let status: ConversationStatus | null = null;
      /** The last message handed over: the next read starts after it. */
      let cursor: string | null = null;
      const sent: string[] = [];

      const sendStatus = (next: ConversationStatus) => {
        if (next === status) return;
        status = next;
        channel.send({ event: "status", data: { status: next } });
      };

      /** Follows a conversation of this visitor that started after the stream opened. */
      const follow = async (tx: Db, conversation: { id: string; status: ConversationStatus }) => {
        conversationId = conversation.id;
        cursor = null;
        sendStatus(conversation.status);
        if (contactId) await markVisitorSeen(tx, { businessId, contactId });
      };

      const sendNewMessages = async (announcedId: string) => {
        const current = conversationId!;
        const fresh = await withServiceRole(async (tx) => {
          const after = await listCustomerMessages(tx, { businessId, conversationId: current, afterId: cursor ?? undefined });
          if (after.some((m) => m.id === announcedId) || sent.includes(announcedId)) return after;
          // A message committed after a later one sorts before the cursor (created_at is its transaction's start).
          const late = (await listCustomerMessages(tx, { businessId, conversationId: current, limit: 50 })).find((m) => m.id === announcedId);
          return late ? [late, ...after] : after;
        });
        const staffReplies: string[] = [];
        for (const message of fresh) {
          cursor = message.id;
          if (sent.includes(message.id)) continue;
          channel.send({ event: "message", id: message.id, data: message });
          sent.push(message.id);
          if (sent.length > SENT_MEMORY) sent.shift();
          if (message.role === "agent") staffReplies.push(message.id);
        }
        if (staffReplies.length > 0) await markDelivered(businessId, staffReplies);
      };

      const handleEvent = async (event: RealtimeEvent) => {
        if (event.type === "conversation.created" && !conversationId) {
          // The visitor's first message (or "talk to a person") starts their conversation: is this one theirs? (Once
          // they have one, it stays theirs: a later message reopens it rather than starting another.)
          await withServiceRole(async (tx) => {
            contactId ??= await contactOf(tx);
            if (!contactId) return;
            const [theirs] = await tx
              .select({ id: conversations.id, status: conversations.status })
              .from(conversations)
              .where(
                and(
                  eq(conversations.businessId, businessId),
                  eq(conversations.id, event.conversationId),
                  eq(conversations.contactId, contactId),
                  eq(conversations.channel, "widget"),
                ),
              );
            if (theirs) await follow(tx, theirs);
          });
          return;
        }
        if (!conversationId || event.conversationId !== conversationId) return;
        if (event.type === "conversation.created" || event.type === "conversation.updated") {
          sendStatus(event.status as ConversationStatus);
        } else if (event.type === "message.created" && isVisibleRole(event.role)) {
          await sendNewMessages(event.id);
        }
      };

      // The conversation as it is now. Whatever changes between this read and the subscription below reaches the chat
      // through the read it makes on `ready`.
      await withServiceRole(async (tx) => {
        contactId = await contactOf(tx);
        if (!contactId) return;
        const conversation = await latestConversation(tx, { businessId, contactId, channel: "widget" });
        if (conversation) {
          conversationId = conversation.id;
          status = conversation.status;
          cursor = await lastVisibleMessageId(tx, { businessId, conversationId: conversation.id });
        }
        await markVisitorSeen(tx, { businessId, contactId });
      });

      // Events are handled one at a time, in the order the database announced them.
      let queue = Promise.resolve();
      const enqueue = (work: () => Promise<void>) => {
        queue = queue.then(async () => {
          if (channel.closed) return;
          try {
            await work();
          } catch (error) {
            // The chat reconnects and reads what it missed.
            log.error("widget.events.failed", { businessId, error });
            channel.close();
          }
        });
      };
      /** The token's key is still the business's: false when it was replaced or the business deleted. */
      const keyStillCurrent = async (tx: Db) => {
        const [row] = await tx.select({ widgetKey: businesses.widgetKey }).from(businesses).where(eq(businesses.id, businessId));
        return row?.widgetKey === visitor.business.widgetKey;
      };

      const unsubscribe = await subscribeToChanges(
        (event) => {
          if (event.businessId !== businessId) return;
          // The key this visitor's token was issued under was replaced: their session is over (a new request with
          // the token is refused), so the stream ends now rather than keep handing them staff replies.
          if (event.type === "widget.key_changed") return channel.close();
          if (event.type === "membership.changed") return;
          enqueue(() => handleEvent(event));
        },
        { onGap: () => channel.close() },
      );
      // Listening now, so any later replacement is announced; one made before it was not.
      if (!(await withServiceRole(keyStillCurrent))) {
        unsubscribe();
        return channel.close();
      }
      channel.send({ event: "ready", data: { status } });

      const presence = setInterval(() => {
        enqueue(() =>
          withServiceRole(async (tx) => {
            // The tick's own transaction rechecks the key (one primary-key read): no query is added per event.
            if (!(await keyStillCurrent(tx))) return channel.close();
            contactId ??= await contactOf(tx);
            if (!contactId) return;
            if (conversationId) return markVisitorSeen(tx, { businessId, contactId });
            // A conversation started in the moment between the first read and the subscription is picked up here.
            const conversation = await latestConversation(tx, { businessId, contactId, channel: "widget" });
            if (conversation) await follow(tx, conversation);
            else await markVisitorSeen(tx, { businessId, contactId });
          }),
        );
      }, presenceMs);

      return () => {
        unsubscribe();
        clearInterval(presence);
      };
    },
    { closeAt: visitor.tokenExpiresAt, ...sse },
  );
}

async function lastVisibleMessageId(tx: Db, { businessId, conversationId }: { businessId: string; conversationId: string }): Promise<string | null> {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.businessId, businessId), eq(messages.conversationId, conversationId), inArray(messages.role, [...VISIBLE_ROLES])))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  return row?.id ?? null;
}

/** Staff replies handed to the visitor's open chat have reached them (service path, scoped to the token's business). */
async function markDelivered(businessId: string, ids: string[]) {
  await withServiceRole((tx) =>
    tx
      .update(messages)
      .set({ deliveryStatus: "delivered" })
      .where(
        and(
          eq(messages.businessId, businessId),
          inArray(messages.id, ids),
          eq(messages.role, "agent"),
          inArray(messages.deliveryStatus, ["pending", "sent"]),
        ),
      ),
  );
}
