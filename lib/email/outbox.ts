import type { Db } from "@/lib/db";
import { emailOutbox, type EmailKind } from "@/lib/db/schema";

export type OutgoingEmail = { businessId: string | null; kind: EmailKind; to: string; subject: string; text: string };

/**
 * Every email the app sends is first a row in the outbox, in the same transaction as the change that caused it, so
 * a rolled-back change sends nothing. In embedded mode the outbox is the mailbox; hosted, a sender job delivers it.
 */
export async function queueEmail(tx: Db, email: OutgoingEmail) {
  const [row] = await tx
    .insert(emailOutbox)
    .values({ businessId: email.businessId, kind: email.kind, toEmail: email.to, subject: email.subject, bodyText: email.text })
    .returning({ id: emailOutbox.id });
  return row!.id;
}
