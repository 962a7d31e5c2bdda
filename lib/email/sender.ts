import { sql } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { rowsOf, withServiceRole } from "@/lib/db";
import { log } from "@/lib/log";
import { NO_CHAT_LINK, withChatLinks } from "./chat-links";

const MAX_ATTEMPTS = 5;
const BATCH = 20;
const TIMEOUT_MS = 10_000;

export type EmailApi = { url: string; key?: string; from: string };

const claimedRow = z.object({
  id: z.string(),
  business_id: z.string().nullable(),
  to_email: z.string(),
  subject: z.string(),
  body_text: z.string(),
  attempts: z.coerce.number(),
});

/**
 * Sends one email through an HTTP email API (the Resend-style `POST {url}/emails` that Resend, and Postmark/SendGrid
 * behind a small relay, accept). The base URL is configurable so tests point it at a local fake.
 */
export async function sendThroughApi(api: EmailApi, email: { to: string; subject: string; text: string }): Promise<void> {
  const response = await fetch(`${api.url.replace(/\/$/, "")}/emails`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(api.key ? { authorization: `Bearer ${api.key}` } : {}) },
    body: JSON.stringify({ from: api.from, to: [email.to], subject: email.subject, text: email.text }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`email API answered ${response.status}`);
}

/**
 * Delivers queued outbox emails. Each row is claimed with a one-minute lease (attempts + 1, next_attempt_at) under
 * `skip locked`, so two app instances never send the same email, and the HTTP call happens outside any transaction.
 * A failure waits 2, 4, 8, 16 minutes before the next try; the fifth failure marks the email failed.
 */
export async function deliverQueuedEmails(api: EmailApi): Promise<{ sent: number; failed: number }> {
  const claimed = await withServiceRole(async (tx) =>
    rowsOf(
      await tx.execute(sql`update public.email_outbox o
        set attempts = o.attempts + 1, next_attempt_at = now() + interval '1 minute'
        where o.id in (
          select id from public.email_outbox
          where status = 'queued' and next_attempt_at <= now()
          order by next_attempt_at limit ${BATCH} for update skip locked)
        returning o.id, o.business_id, o.to_email, o.subject, o.body_text, o.attempts`),
    ).map((r) => claimedRow.parse(r)),
  );
  let sent = 0;
  let failed = 0;
  for (const email of claimed) {
    try {
      // A reply to a customer gets its chat link (a live visitor token) only now, on its way out: the stored row has none.
      const text = await withServiceRole((tx) => withChatLinks(tx, { businessId: email.business_id, toEmail: email.to_email, bodyText: email.body_text }, NO_CHAT_LINK));
      await sendThroughApi(api, { to: email.to_email, subject: email.subject, text });
      await withServiceRole((tx) =>
        tx.execute(sql`update public.email_outbox set status = 'sent', sent_at = now(), last_error = null where id = ${email.id}`),
      );
      sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : "send failed";
      const giveUp = email.attempts >= MAX_ATTEMPTS;
      await withServiceRole((tx) =>
        tx.execute(sql`update public.email_outbox set last_error = ${message.slice(0, 500)},
          status = ${giveUp ? "failed" : "queued"},
          next_attempt_at = now() + make_interval(mins => ${2 ** email.attempts}) where id = ${email.id}`),
      );
      failed += 1;
      log.warn("email.send_failed", { emailId: email.id, attempt: email.attempts, giveUp, reason: message });
    }
  }
  return { sent, failed };
}

const globalForSender = globalThis as unknown as { __frontdeskEmailSender?: NodeJS.Timeout };

/** Starts the in-process sender when an email API is configured; without one, the outbox is the local mailbox. */
export function startEmailSender(intervalMs = 15_000) {
  const { email } = getConfig();
  if (!email.apiUrl || globalForSender.__frontdeskEmailSender) return;
  const api = { url: email.apiUrl, key: email.apiKey, from: email.from };
  globalForSender.__frontdeskEmailSender = setInterval(() => {
    deliverQueuedEmails(api).catch((error: unknown) => log.error("email.sender_failed", { error }));
  }, intervalMs);
  globalForSender.__frontdeskEmailSender.unref();
}
