import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { dispatchPendingNotifications, startNotificationDispatcher, type DispatchResult } from "./dispatch";
import { runSlaChecks } from "./sla";
import { getVapid } from "./vapid";

/**
 * The inbox's scheduled work: the SLA clock (reminders, escalations) and the dispatch of notifications the realtime
 * listener missed. Embedded: in process every 30 s. Hosted: POST /api/jobs/inbox from a scheduler. Both are safe to
 * run concurrently: every step claims its rows with a conditional update.
 */
export async function runInboxJobs(now = new Date()): Promise<{ sla: { conversationId: string; stage: 1 | 2 }[]; dispatched: DispatchResult[] }> {
  const sla = await runSlaChecks(now);
  const dispatched = await dispatchPendingNotifications(now);
  return { sla, dispatched };
}

const globalForInboxJobs = globalThis as unknown as { __frontdeskInboxJobs?: { timer: NodeJS.Timeout; running: boolean } };

/**
 * Starts the push/email dispatcher (every mode: a long-running hosted server reacts at once too) and, in embedded
 * mode, the 30-second schedule of the inbox jobs.
 */
export function startInboxJobs(intervalMs = 30_000): void {
  // Resolved at boot so the log says at once whether push is on (hosted without keys) or a key file was made.
  getVapid();
  startNotificationDispatcher().catch(() => {
    // Logged by the dispatcher; the sweep below covers its rows until a later start succeeds.
  });
  if (getConfig().mode !== "embedded" || globalForInboxJobs.__frontdeskInboxJobs) return;
  const state = { timer: setInterval(() => void tick(), intervalMs), running: false };
  state.timer.unref();
  globalForInboxJobs.__frontdeskInboxJobs = state;
  async function tick() {
    if (state.running) return;
    state.running = true;
    try {
      // A dispatcher whose start failed (the database was not ready) is retried with each tick.
      await startNotificationDispatcher().catch(() => undefined);
      await runInboxJobs();
    } catch (error) {
      log.error("inbox.jobs_failed", { error });
    } finally {
      state.running = false;
    }
  }
}
