import { getBusinessForMember } from "@/lib/businesses/queries";
import { withUser, type AuthClaims } from "@/lib/db";
import { log } from "@/lib/log";
import { getNotificationWithDelivery } from "@/lib/notifications/queries";
import { subscribeToChanges } from "./bus";
import { memberMaySee } from "./events";
import { sseResponse, type SseOptions } from "./sse";

export type MemberStreamOptions = SseOptions & {
  /** How often the membership is checked again: a member removed meanwhile stops receiving events. */
  recheckMs?: number;
};

/**
 * A member's live stream of one business's events (the caller has verified the session and the membership). It opens
 * with `ready` (the client then reads what it missed), carries only what `memberMaySee` allows (notifications only to
 * their own user), and ends when the membership is removed or its role changes (announced by the database, and
 * rechecked every `recheckMs` in case an announcement was missed), when the access token expires (the browser
 * reconnects through the proxy, which renews it), at the streams' maximum lifetime, or when the bus may have missed
 * events. Every reconnection is authorised afresh.
 */
export function memberEventStream(
  request: Request,
  { claims, businessId }: { claims: AuthClaims; businessId: string },
  { recheckMs = 60_000, ...sse }: MemberStreamOptions = {},
): Response {
  const member = { userId: claims.sub, businessIds: new Set([businessId]) };
  const known: { timeZone?: string } = {};
  return sseResponse(
    request.signal,
    async (channel) => {
      const unsubscribe = await subscribeToChanges(
        (event) => {
          if (event.type === "membership.changed" && event.businessId === businessId && event.userId === claims.sub) return channel.close();
          if (!memberMaySee(event, member)) return;
          if (event.type !== "notification.created") return channel.send({ event: event.type, data: event });
          // The person's own notification travels with its content and delivery choice: the toast needs no request.
          withNotification(claims, event.businessId, event.id, known).then(
            (notification) => channel.send({ event: event.type, data: notification ? { ...event, notification } : event }),
            (error: unknown) => {
              log.warn("realtime.notification_read_failed", { businessId, error });
              channel.send({ event: event.type, data: event });
            },
          );
        },
        { onGap: () => channel.close() },
      );
      channel.send({ event: "ready", data: { businessId } });
      const recheck = setInterval(() => {
        stillMember(claims, businessId).then(
          (member) => {
            if (!member) channel.close();
          },
          (error: unknown) => {
            // Fails closed: the client reconnects and is checked afresh.
            log.warn("realtime.member_recheck_failed", { businessId, error });
            channel.close();
          },
        );
      }, recheckMs);
      return () => {
        unsubscribe();
        clearInterval(recheck);
      };
    },
    { ...(typeof claims.exp === "number" ? { closeAt: claims.exp * 1000 } : {}), ...sse },
  );
}

/** The notification with its delivery choice, read as the person (their business's time zone is kept per stream). */
async function withNotification(claims: AuthClaims, businessId: string, notificationId: string, known: { timeZone?: string }) {
  return withUser(claims, async (tx) => {
    if (!known.timeZone) {
      const found = await getBusinessForMember(tx, { businessId, userId: claims.sub });
      if (!found) return null;
      known.timeZone = found.business.timeZone;
    }
    return getNotificationWithDelivery(tx, { businessId, userId: claims.sub, notificationId, businessTimeZone: known.timeZone });
  });
}

async function stillMember(claims: AuthClaims, businessId: string): Promise<boolean> {
  return withUser(claims, async (tx) => (await getBusinessForMember(tx, { businessId, userId: claims.sub })) !== null);
}
