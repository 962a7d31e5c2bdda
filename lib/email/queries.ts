import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { emailOutbox, memberships } from "@/lib/db/schema";
import { withoutChatLinks } from "./chat-links";

const columns = {
  id: emailOutbox.id,
  businessId: emailOutbox.businessId,
  kind: emailOutbox.kind,
  toEmail: emailOutbox.toEmail,
  subject: emailOutbox.subject,
  bodyText: emailOutbox.bodyText,
  status: emailOutbox.status,
  createdAt: emailOutbox.createdAt,
};

const LIMIT = 200;

/** An outbox row as the outbox and the mailbox show it. */
export type OutboxEmail = Awaited<ReturnType<typeof listLocalMailbox>>[number];

/** Replies to customers are stored with a placeholder where their chat link goes (./chat-links); people read a note. */
const presented = (rows: OutboxEmail[]) => rows.map((row) => ({ ...row, bodyText: withoutChatLinks(row.bodyText) }));

/** A business's outgoing email for Settings → Email outbox (owners and admins, under RLS). */
export async function listBusinessOutbox(db: Db, { businessId }: { businessId: string }) {
  return presented(await db.select(columns).from(emailOutbox).where(eq(emailOutbox.businessId, businessId)).orderBy(desc(emailOutbox.createdAt)).limit(LIMIT));
}

/** The outgoing email of every business this person owns or administers (run as them, so RLS agrees). */
export async function listManagedBusinessesMail(db: Db, { userId }: { userId: string }) {
  const managed = db
    .select({ businessId: memberships.businessId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.role, ["owner", "admin"])));
  return presented(await db.select(columns).from(emailOutbox).where(inArray(emailOutbox.businessId, managed)).orderBy(desc(emailOutbox.createdAt)).limit(LIMIT));
}

/**
 * The account email (password resets: no business) sent to this address since this account was created: what
 * their own inbox may show. Not invitations or replies to customers: in embedded mode anyone can sign up with an
 * address nobody has used yet (it is confirmed at once), and must not read what a business sent there before.
 * Those stay with the business's managers and the operator.
 */
export async function listAccountMailTo(db: Db, { email, since }: { email: string; since: Date }) {
  return presented(
    await db
      .select(columns)
      .from(emailOutbox)
      .where(
        and(
          isNull(emailOutbox.businessId),
          sql`lower(${emailOutbox.toEmail}) = lower(${email})`,
          // From the account's creation on: the same instant counts (a clock may not tell two quick transactions apart).
          gte(emailOutbox.createdAt, since),
        ),
      )
      .orderBy(desc(emailOutbox.createdAt))
      .limit(LIMIT),
  );
}

/**
 * Every email in the outbox, as stored (chat-link placeholders included). Only the local mailbox's operator view
 * (lib/email/local-mailbox) calls this, through the service client.
 */
export async function listLocalMailbox(db: Db) {
  return db.select(columns).from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(LIMIT);
}
