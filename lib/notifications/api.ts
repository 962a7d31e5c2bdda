import { z } from "zod";
import type { NotificationType } from "@/lib/db/schema";

/**
 * The notification centre's HTTP contract, shared by the route handlers and the dashboard. Client-safe: no server
 * imports (the database's list of types is checked against this one at compile time, not imported).
 */

const typeList = ["handoff", "sla_reminder", "sla_escalation", "mention", "assignment"] as const satisfies readonly NotificationType[];
/** Every type the database knows: one added to the schema but not here makes this `never` and fails to compile. */
export const notificationTypeList: Exclude<NotificationType, (typeof typeList)[number]> extends never ? typeof typeList : never = typeList;

export const notificationTypeSchema = z.enum(notificationTypeList);

export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, { label: string; hint: string }> = {
  handoff: { label: "Handoff", hint: "The assistant hands a conversation to your team" },
  sla_reminder: { label: "Waiting reminder", hint: "Nobody has opened a handed-off conversation in time" },
  sla_escalation: { label: "Escalation", hint: "A handed-off conversation is still unanswered (sent to owners)" },
  mention: { label: "Mention", hint: "A teammate @mentions you in an internal note" },
  assignment: { label: "Assignment", hint: "A conversation is assigned to you" },
};

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether the runtime knows this IANA time zone (the same check the formatter applies when it is used). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const channelChoiceSchema = z.object({ toast: z.boolean(), push: z.boolean(), email: z.boolean() });
export type ChannelChoice = z.infer<typeof channelChoiceSchema>;

const clock = z.string().regex(HH_MM, "use a 24-hour time such as 22:00");

/**
 * A person's preferences for one business. Quiet hours are both set or both null; a window may run overnight
 * (22:00–07:00). The time zone is the person's own (they may not live where the business is).
 */
export const preferencesSchema = z
  .object({
    channels: z.object(
      Object.fromEntries(notificationTypeList.map((type) => [type, channelChoiceSchema])) as Record<NotificationType, typeof channelChoiceSchema>,
    ),
    quietStart: clock.nullable(),
    quietEnd: clock.nullable(),
    timeZone: z.string().min(1).max(64).refine(isTimeZone, "choose a time zone such as Europe/London"),
    onDuty: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if ((value.quietStart === null) !== (value.quietEnd === null)) {
      ctx.addIssue({ code: "custom", path: [value.quietStart === null ? "quietStart" : "quietEnd"], message: "set both ends of the quiet hours, or neither" });
    } else if (value.quietStart !== null && value.quietStart === value.quietEnd) {
      ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "quiet hours must end at another time than they start" });
    }
  });
export type NotificationPreferences = z.infer<typeof preferencesSchema>;

export const preferencesResponse = z.object({ preferences: preferencesSchema, businessTimeZone: z.string() });

export const notificationItem = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  conversationId: z.uuid().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const notificationList = z.object({ items: z.array(notificationItem), unread: z.number().int(), nextCursor: z.string().nullable() });
export type NotificationList = z.infer<typeof notificationList>;

export const listNotificationsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, "limit is 1 to 50").max(50, "limit is 1 to 50").default(20),
});

/** One notification for the toast: whether this person's preferences show it and ring now. */
export const notificationWithDelivery = z.object({
  item: notificationItem,
  delivery: z.object({ toast: z.boolean(), sound: z.boolean() }),
});

export const markReadBody = z.union([
  z.object({ ids: z.array(z.uuid()).min(1, "name at least one notification").max(200, "at most 200 at a time") }).strict(),
  z.object({ all: z.literal(true) }).strict(),
], { error: "send { ids: [...] } or { all: true }" });
export const markReadResponse = z.object({ marked: z.number().int(), unread: z.number().int() });

export const vapidKeyResponse = z.object({ publicKey: z.string().nullable(), enabled: z.boolean() });

/** What a browser's PushSubscription.toJSON() gives, plus a label for the device list. */
export const subscriptionBody = z.object({
  endpoint: z
    .url({ protocol: /^https$/, message: "endpoint must be an https:// URL" })
    .max(2000, "endpoint is at most 2000 characters"),
  keys: z.object({
    // 65-byte P-256 point and 16-byte secret, base64url: generous bounds, the exact sizes are checked when used.
    p256dh: z.string().regex(/^[A-Za-z0-9_=-]{16,200}$/, "keys.p256dh must be the subscription's base64url public key"),
    auth: z.string().regex(/^[A-Za-z0-9_=-]{8,100}$/, "keys.auth must be the subscription's base64url secret"),
  }),
  device: z.string().trim().max(200, "device is at most 200 characters").default(""),
  expirationTime: z.number().nullable().optional(),
});
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

export const unsubscribeBody = z.object({ endpoint: z.string().min(1, "endpoint is required").max(2000) });

export const deviceItem = z.object({
  id: z.uuid(),
  endpoint: z.string(),
  device: z.string(),
  createdAt: z.string(),
  lastSuccessAt: z.string().nullable(),
  failures: z.number().int(),
});
export type DeviceItem = z.infer<typeof deviceItem>;
export const deviceList = z.object({ items: z.array(deviceItem) });

export const pushTestResponse = z.object({ devices: z.number().int(), sent: z.number().int(), removed: z.number().int(), failed: z.number().int() });

/** The dashboard address of a notification's conversation (the inbox when it has none). */
export function notificationPath(businessId: string, conversationId: string | null): string {
  return conversationId ? `/b/${businessId}/inbox/${conversationId}` : `/b/${businessId}/inbox`;
}
