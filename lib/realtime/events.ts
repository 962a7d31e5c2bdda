import { z } from "zod";
import { notificationWithDelivery } from "@/lib/notifications/api";

/**
 * The one realtime vocabulary (DESIGN.md: Realtime). The database announces changes with pg_notify (see the
 * `private.announce_change` trigger); payloads carry ids only, so a client told that something changed reads it again
 * through RLS, and an event that never arrives costs nothing but a little freshness.
 */
export const realtimeEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message.created"), businessId: z.uuid(), conversationId: z.uuid(), id: z.uuid(), role: z.string() }),
  z.object({ type: z.literal("message.updated"), businessId: z.uuid(), conversationId: z.uuid(), id: z.uuid(), role: z.string() }),
  z.object({ type: z.literal("conversation.created"), businessId: z.uuid(), conversationId: z.uuid(), id: z.uuid(), status: z.string() }),
  z.object({ type: z.literal("conversation.updated"), businessId: z.uuid(), conversationId: z.uuid(), id: z.uuid(), status: z.string() }),
  z.object({
    type: z.literal("notification.created"),
    businessId: z.uuid(),
    conversationId: z.uuid().nullable(),
    id: z.uuid(),
    userId: z.uuid(),
    /**
     * Added by the member stream for the one person the notification is for, so the toast shows without another
     * request; never present in the database's payload.
     */
    notification: notificationWithDelivery.optional(),
  }),
  z.object({
    type: z.literal("notification.updated"),
    businessId: z.uuid(),
    conversationId: z.uuid().nullable(),
    id: z.uuid(),
    userId: z.uuid(),
  }),
  // The authority a stream was opened under changed (see the stream_authority_events migration): the business's
  // widget key was replaced (or the business deleted), or a member was removed or given another role. For the app's
  // own streams, which end on them; never forwarded to a browser.
  // Like every event they name the changed row (`id`: the business, the membership) and its conversation (none).
  z.object({ type: z.literal("widget.key_changed"), businessId: z.uuid(), conversationId: z.null(), id: z.uuid() }),
  z.object({ type: z.literal("membership.changed"), businessId: z.uuid(), conversationId: z.null(), id: z.uuid(), userId: z.uuid() }),
]);
export type RealtimeEvent = z.infer<typeof realtimeEvent>;
export type RealtimeEventType = RealtimeEvent["type"];

/** Events about who may stream, which the server's streams act on and no browser receives. */
export const isAuthorityEvent = (event: RealtimeEvent) => event.type === "widget.key_changed" || event.type === "membership.changed";

/** Every event type, for clients that subscribe by name (an EventSource delivers each `event:` to its own listeners). */
export const realtimeEventTypes: readonly RealtimeEventType[] = realtimeEvent.options.map((option) => option.shape.type.value);

/** The Postgres channel the trigger notifies on. */
export const REALTIME_CHANNEL = "frontdesk_events";

/** Parses a notification payload; anything else on the channel is ignored rather than trusted. */
export function parseRealtimeEvent(payload: string): RealtimeEvent | null {
  try {
    const parsed = realtimeEvent.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Whether a member may receive an event: it must be about a business they belong to, and a notification only
 * reaches the person it is for.
 */
export function memberMaySee(event: RealtimeEvent, member: { userId: string; businessIds: ReadonlySet<string> }): boolean {
  if (!member.businessIds.has(event.businessId)) return false;
  if (isAuthorityEvent(event)) return false;
  if (event.type === "notification.created" || event.type === "notification.updated") return event.userId === member.userId;
  return true;
}
