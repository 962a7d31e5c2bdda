import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";

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

export async function listBusinessOutbox(db: Db, { businessId }: { businessId: string }) {
  return db.select(columns).from(emailOutbox).where(eq(emailOutbox.businessId, businessId)).orderBy(desc(emailOutbox.createdAt)).limit(200);
}

/**
 * Every email in the outbox, account emails included. Only the embedded mode's local mailbox (a development tool,
 * like Supabase's local Inbucket) calls this, through the service client.
 */
export async function listLocalMailbox(db: Db) {
  return db.select(columns).from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(200);
}
