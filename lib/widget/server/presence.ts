import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { contacts } from "@/lib/db/schema";

/** The open chat refreshes `contacts.last_seen_at` this often (see visitor-stream.ts). */
export const PRESENCE_INTERVAL_MS = 20_000;
/** Two missed refreshes and a little slack: a visitor seen within this window still has the chat open. */
export const VISITOR_ONLINE_WINDOW_MS = 45_000;

/**
 * Whether a widget visitor still has the chat open, from their contact's `last_seen_at`: when they have not, a staff
 * reply must also go by email to reach them.
 */
export function isVisitorOnline(lastSeenAt: Date | null, now: Date = new Date()): boolean {
  return lastSeenAt !== null && now.getTime() - lastSeenAt.getTime() <= VISITOR_ONLINE_WINDOW_MS;
}

/** Marks the contact as seen now (service path: the business id comes from the visitor's verified token). */
export async function markVisitorSeen(tx: Db, { businessId, contactId }: { businessId: string; contactId: string }): Promise<void> {
  await tx.update(contacts).set({ lastSeenAt: new Date() }).where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
}
