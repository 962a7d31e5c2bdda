import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { businesses, memberships, notificationPreferences, notifications, type MemberRole, type NotificationType } from "@/lib/db/schema";
import { availableForHandoffs, preferencesFromRow } from "./preferences";

/**
 * Who is told when a conversation needs a person. Service paths (the agent's handoff, the SLA job): every call names
 * the business id, and the notification rows it writes are announced by the database trigger at commit, which is
 * what the realtime toast and the push dispatcher react to.
 */

export type NotificationDraft = {
  businessId: string;
  conversationId: string | null;
  type: NotificationType;
  title: string;
  body: string;
};

type Member = { userId: string; role: MemberRole; available: boolean };

async function membersWithAvailability(serviceTx: Db, businessId: string, now: Date): Promise<Member[]> {
  const rows = await serviceTx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      businessTimeZone: businesses.timeZone,
      prefs: {
        channels: notificationPreferences.channels,
        quietStart: notificationPreferences.quietStart,
        quietEnd: notificationPreferences.quietEnd,
        timeZone: notificationPreferences.timeZone,
        onDuty: notificationPreferences.onDuty,
      },
    })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.businessId, memberships.businessId), eq(notificationPreferences.userId, memberships.userId)),
    )
    .where(eq(memberships.businessId, businessId));
  return rows.map((row) => ({
    userId: row.userId,
    role: row.role,
    // No preferences row (drizzle gives a null object for the left join): the defaults, on duty with no quiet hours.
    available: availableForHandoffs(preferencesFromRow(row.prefs, row.businessTimeZone), now),
  }));
}

async function insertFor(serviceTx: Db, userIds: string[], draft: NotificationDraft): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = userIds.map((userId) => ({
    id: randomUUID(),
    businessId: draft.businessId,
    userId,
    type: draft.type,
    title: draft.title.slice(0, 200),
    body: draft.body.slice(0, 2000),
    conversationId: draft.conversationId,
  }));
  await serviceTx.insert(notifications).values(rows);
  return rows.map((r) => r.id);
}

/**
 * Tells the members who can act now: on duty and outside their quiet hours. When nobody is, the owners are told
 * anyway (someone must hear of a customer waiting; their own preferences still decide whether it rings or pushes).
 * Returns the new notifications' ids.
 */
export async function notifyHandoff(serviceTx: Db, draft: NotificationDraft, now = new Date()): Promise<string[]> {
  const members = await membersWithAvailability(serviceTx, draft.businessId, now);
  const onDuty = members.filter((m) => m.available);
  const recipients = onDuty.length > 0 ? onDuty : members.filter((m) => m.role === "owner");
  return insertFor(serviceTx, recipients.map((m) => m.userId), draft);
}

/** Tells every owner of the business (an escalation), whatever their duty status. Returns the new ids. */
export async function notifyOwners(serviceTx: Db, draft: NotificationDraft): Promise<string[]> {
  const owners = await serviceTx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.businessId, draft.businessId), eq(memberships.role, "owner")));
  return insertFor(serviceTx, owners.map((o) => o.userId), draft);
}
