import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { withServiceRole } from "@/lib/db";
import { businesses, notificationPreferences, notifications, profiles } from "@/lib/db/schema";
import { queueEmail } from "@/lib/email/outbox";
import { log } from "@/lib/log";
import { subscribeToChanges } from "@/lib/realtime/bus";
import { NOTIFICATION_TYPE_LABELS, notificationPath, notificationTypeSchema } from "./api";
import { deliveryFor, preferencesFromRow } from "./preferences";
import { devicesOf, pushToDevices, type PushTally } from "./push";

/**
 * Takes a notification row beyond the dashboard: a web push to each of the person's devices and an email, as their
 * preferences say. A row is claimed by setting `pushed_at` (the dispatch mark: set whether or not a push was due) in
 * the same transaction that queues its email and sets `emailed_at`, so however many dispatchers see it (the realtime
 * listener, the sweep, two instances), it is dispatched once. A crash between the claim and the push loses that push:
 * at most once is the right side to err on for an alert.
 */

/** Rows older than this are not pushed by the sweep: an alert an hour late after a restart is noise. */
export const DISPATCH_WINDOW_MS = 15 * 60_000;

export type DispatchResult = { notificationId: string; pushed: PushTally | null; emailed: boolean };

export async function dispatchNotification(
  { businessId, notificationId }: { businessId: string; notificationId: string },
  now = new Date(),
): Promise<DispatchResult | null> {
  const claimed = await withServiceRole(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ pushedAt: now })
      .where(and(eq(notifications.businessId, businessId), eq(notifications.id, notificationId), isNull(notifications.pushedAt)))
      .returning();
    if (!row) return null;
    const [context] = await tx
      .select({
        businessName: businesses.name,
        businessTimeZone: businesses.timeZone,
        email: profiles.email,
        channels: notificationPreferences.channels,
        quietStart: notificationPreferences.quietStart,
        quietEnd: notificationPreferences.quietEnd,
        timeZone: notificationPreferences.timeZone,
        onDuty: notificationPreferences.onDuty,
      })
      .from(businesses)
      .leftJoin(profiles, eq(profiles.id, row.userId))
      .leftJoin(notificationPreferences, and(eq(notificationPreferences.businessId, businesses.id), eq(notificationPreferences.userId, row.userId)))
      .where(eq(businesses.id, businessId));
    const type = notificationTypeSchema.safeParse(row.type);
    if (!context || !type.success) return { row, devices: null, emailed: false };
    // No preferences row (the left join's columns are null): the defaults apply.
    const stored = context.onDuty === null ? null : { ...context, channels: context.channels ?? {}, onDuty: context.onDuty };
    const delivery = deliveryFor(preferencesFromRow(stored, context.businessTimeZone), type.data, now);
    const emailed = delivery.email && Boolean(context.email) && !row.emailedAt;
    if (emailed && context.email) {
      const { appUrl } = getConfig();
      await queueEmail(tx, {
        businessId,
        kind: "notification",
        to: context.email,
        subject: `${row.title} · ${context.businessName}`.slice(0, 300),
        text: [
          row.title,
          row.body,
          `${row.conversationId ? "Open the conversation" : "Open the inbox"}: ${appUrl}${notificationPath(businessId, row.conversationId)}`,
          `You get these emails for "${NOTIFICATION_TYPE_LABELS[type.data].label}" at ${context.businessName}. Change that in ${appUrl}/b/${businessId}/settings/notifications`,
        ]
          .filter(Boolean)
          .join("\n\n"),
      });
      await tx.update(notifications).set({ emailedAt: now }).where(and(eq(notifications.businessId, businessId), eq(notifications.id, row.id)));
    }
    // Read in the same transaction: one round trip less on the single embedded connection a burst of handoffs shares.
    const devices = delivery.push ? await devicesOf(tx, row.userId) : null;
    return { row, devices, emailed };
  });
  if (!claimed) return null;
  const { row, devices, emailed } = claimed;
  const pushed = devices
    ? await pushToDevices(devices, {
        title: row.title,
        body: row.body,
        url: notificationPath(businessId, row.conversationId),
        // One notification per conversation on the device: a reminder replaces the handoff it follows.
        tag: `frontdesk-${row.conversationId ?? row.id}`,
      })
    : null;
  return { notificationId: row.id, pushed, emailed };
}

/**
 * Dispatches what the realtime listener did not (the process restarted, or hosted instances without a listener):
 * rows not yet dispatched from the last DISPATCH_WINDOW_MS, oldest first.
 */
export async function dispatchPendingNotifications(now = new Date(), limit = 100): Promise<DispatchResult[]> {
  const pending = await withServiceRole((tx) =>
    tx
      .select({ id: notifications.id, businessId: notifications.businessId })
      .from(notifications)
      .where(and(isNull(notifications.pushedAt), gt(notifications.createdAt, new Date(now.getTime() - DISPATCH_WINDOW_MS))))
      .orderBy(asc(notifications.createdAt))
      .limit(limit),
  );
  const results: DispatchResult[] = [];
  for (const { id, businessId } of pending) {
    try {
      const result = await dispatchNotification({ businessId, notificationId: id }, now);
      if (result) results.push(result);
    } catch (error) {
      log.error("notifications.dispatch_failed", { businessId, notificationId: id, error });
    }
  }
  return results;
}

const globalForDispatcher = globalThis as unknown as { __frontdeskNotificationDispatcher?: Promise<() => void> };

/**
 * Dispatches each notification as soon as its row commits (the `notification.created` event), one at a time so a
 * burst of handoffs queues rather than piles onto the database. Returns how to stop (tests).
 */
export function startNotificationDispatcher(): Promise<() => void> {
  if (!globalForDispatcher.__frontdeskNotificationDispatcher) {
    let queue = Promise.resolve();
    const starting = subscribeToChanges((event) => {
      if (event.type !== "notification.created") return;
      queue = queue
        .then(() => dispatchNotification({ businessId: event.businessId, notificationId: event.id }))
        .then(
          () => undefined,
          (error: unknown) => log.error("notifications.dispatch_failed", { businessId: event.businessId, notificationId: event.id, error }),
        );
    });
    globalForDispatcher.__frontdeskNotificationDispatcher = starting.then((stop) => () => {
      globalForDispatcher.__frontdeskNotificationDispatcher = undefined;
      stop();
    });
    // A failed start is not kept: the next call (the inbox job's next tick) tries again.
    starting.catch((error: unknown) => {
      globalForDispatcher.__frontdeskNotificationDispatcher = undefined;
      log.error("notifications.dispatcher_failed", { error });
    });
  }
  return globalForDispatcher.__frontdeskNotificationDispatcher;
}
