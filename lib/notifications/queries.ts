import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { notificationPreferences, notifications, pushSubscriptions } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { notificationTypeSchema, type DeviceItem, type NotificationItem, type NotificationList, type NotificationPreferences, type SubscriptionBody } from "./api";
import { deliveryFor, preferencesFromRow } from "./preferences";

/**
 * The notification centre's queries, run as the signed-in person (RLS: a person sees and changes only their own
 * notifications, preferences and devices), except `saveSubscription`, which is a service path (see there).
 */

export async function getPreferences(
  db: Db,
  { businessId, userId, businessTimeZone }: { businessId: string; userId: string; businessTimeZone: string },
): Promise<NotificationPreferences> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.businessId, businessId), eq(notificationPreferences.userId, userId)));
  return preferencesFromRow(row ?? null, businessTimeZone);
}

export async function savePreferences(
  db: Db,
  { businessId, userId, preferences }: { businessId: string; userId: string; preferences: NotificationPreferences },
): Promise<void> {
  const values = {
    channels: preferences.channels,
    quietStart: preferences.quietStart,
    quietEnd: preferences.quietEnd,
    timeZone: preferences.timeZone,
    onDuty: preferences.onDuty,
  };
  await db
    .insert(notificationPreferences)
    .values({ businessId, userId, ...values })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.businessId], set: values });
}

// The cursor carries the timestamp at full (microsecond) precision: a JS Date would round it and skip rows.
const exactCreatedAt = sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (
      typeof createdAt === "string" &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt) &&
      typeof id === "string" &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { createdAt, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError(400, "validation_failed", "The cursor is not valid: start from the first page", [{ field: "cursor", message: "not a valid cursor" }]);
}

const itemColumns = {
  id: notifications.id,
  type: notifications.type,
  title: notifications.title,
  body: notifications.body,
  conversationId: notifications.conversationId,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

type ItemRow = { id: string; type: string; title: string; body: string; conversationId: string | null; readAt: Date | null; createdAt: Date };

const toItem = (row: ItemRow): NotificationItem => ({
  id: row.id,
  type: row.type,
  title: row.title,
  body: row.body,
  conversationId: row.conversationId,
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function unreadCount(db: Db, { businessId, userId }: { businessId: string; userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.businessId, businessId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Newest first, a page at a time; the unread count covers all of them. */
export async function listNotifications(
  db: Db,
  { businessId, userId, cursor, limit }: { businessId: string; userId: string; cursor?: string; limit: number },
): Promise<NotificationList> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db
    .select({ ...itemColumns, exactCreatedAt })
    .from(notifications)
    .where(
      and(
        eq(notifications.businessId, businessId),
        eq(notifications.userId, userId),
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    unread: await unreadCount(db, { businessId, userId }),
    nextCursor: rows.length > limit && last ? encodeCursor(last.exactCreatedAt, last.id) : null,
  };
}

export async function getNotification(
  db: Db,
  { businessId, userId, notificationId }: { businessId: string; userId: string; notificationId: string },
): Promise<NotificationItem | null> {
  const [row] = await db
    .select(itemColumns)
    .from(notifications)
    .where(and(eq(notifications.businessId, businessId), eq(notifications.userId, userId), eq(notifications.id, notificationId)));
  return row ? toItem(row) : null;
}

/**
 * One of the person's notifications and whether their preferences show it as a toast and ring for it now (quiet
 * hours keep the toast but silence it): what the dashboard needs the moment a notification is created.
 */
export async function getNotificationWithDelivery(
  db: Db,
  { businessId, userId, notificationId, businessTimeZone, now = new Date() }: { businessId: string; userId: string; notificationId: string; businessTimeZone: string; now?: Date },
): Promise<{ item: NotificationItem; delivery: { toast: boolean; sound: boolean } } | null> {
  const item = await getNotification(db, { businessId, userId, notificationId });
  if (!item) return null;
  const type = notificationTypeSchema.safeParse(item.type);
  if (!type.success) return { item, delivery: { toast: false, sound: false } };
  const prefs = await getPreferences(db, { businessId, userId, businessTimeZone });
  const { toast, sound } = deliveryFor(prefs, type.data, now);
  return { item, delivery: { toast, sound } };
}

/** Marks the named notifications (or all of them) read; ids that are not this person's unread ones are skipped. */
export async function markNotificationsRead(
  db: Db,
  { businessId, userId, ids }: { businessId: string; userId: string; ids: string[] | "all" },
): Promise<{ marked: number; unread: number }> {
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.businessId, businessId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === "all" ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return { marked: marked.length, unread: await unreadCount(db, { businessId, userId }) };
}

export async function listDevices(db: Db, { userId }: { userId: string }): Promise<DeviceItem[]> {
  const rows = await db
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      device: pushSubscriptions.device,
      createdAt: pushSubscriptions.createdAt,
      lastSuccessAt: pushSubscriptions.lastSuccessAt,
      failures: pushSubscriptions.failures,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null }));
}

export async function removeDevice(db: Db, { userId, endpoint }: { userId: string; endpoint: string }): Promise<boolean> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}

/** A person keeps at most this many devices; subscribing another one forgets the oldest. */
export const MAX_DEVICES = 10;

/**
 * Stores a browser's push subscription for `userId` (from verified claims). Service role, because an endpoint belongs
 * to a browser, not an account: when someone else signs in on a shared phone, the subscription moves to them, and
 * the previous person's row is invisible under RLS. Holding the endpoint (an unguessable capability URL the browser
 * issued) is the proof of ownership.
 */
export async function saveSubscription(serviceTx: Db, { userId, subscription }: { userId: string; subscription: SubscriptionBody }): Promise<string> {
  const values = {
    userId,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    device: subscription.device,
    failures: 0,
  };
  const [row] = await serviceTx
    .insert(pushSubscriptions)
    .values({ endpoint: subscription.endpoint, ...values })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
    .returning({ id: pushSubscriptions.id });
  await serviceTx.execute(sql`delete from public.push_subscriptions where user_id = ${userId} and id not in (
    select id from public.push_subscriptions where user_id = ${userId} order by updated_at desc, created_at desc limit ${MAX_DEVICES})`);
  return row!.id;
}
