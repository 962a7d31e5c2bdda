import { lookup } from "node:dns/promises";
import { and, eq, gte, sql } from "drizzle-orm";
import { generateRequestDetails } from "web-push";
import { withServiceRole, type Db } from "@/lib/db";
import { isPublicAddress, parseIp } from "@/lib/knowledge/address-policy";
import { pushSubscriptions } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { getVapid, type VapidDetails } from "./vapid";

/**
 * Web push. web-push builds the request (the payload encrypted for the device with aes128gcm, the VAPID JWT that
 * proves the sender); it is sent with fetch so the timeout is ours and a test can receive it on a plain local
 * endpoint. A push service answering 404 or 410 says the device unsubscribed: its row is deleted at once. Other
 * failures count up, and a device that failed MAX_PUSH_FAILURES times in a row is pruned too.
 */

export type PushMessage = { title: string; body: string; url: string; tag: string };
export type PushTarget = { id: string; userId: string; endpoint: string; p256dh: string; auth: string };
export type PushOutcome = "sent" | "gone" | "failed";
export type PushTally = { sent: number; removed: number; failed: number };

/** A handoff an hour old is no longer news: the push service may drop it rather than deliver it late. */
export const PUSH_TTL_SECONDS = 60 * 60;
export const PUSH_TIMEOUT_MS = 10_000;
export const MAX_PUSH_FAILURES = 5;

/** Push services accept about 4 KB of payload; a notification is cut well below that. */
function payloadOf(message: PushMessage): string {
  return JSON.stringify({ title: message.title.slice(0, 120), body: message.body.slice(0, 400), url: message.url, tag: message.tag });
}

/** Where a device's pushes go, for logs: the push service's host, never the endpoint (a capability URL). */
const hostOf = (endpoint: string) => {
  try {
    return new URL(endpoint).host;
  } catch {
    return "invalid";
  }
};

/**
 * Whether the server may POST pushes to this endpoint. Browsers hand out https URLs on their push service's public
 * host; one naming this machine or a private address would turn "send a test push" into a way to reach the internal
 * network, so it is refused when the device is registered.
 */
export function pushEndpointAllowed(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (parseIp(host)) return isPublicAddress(host);
  return host.includes(".") && !/(^|\.)(localhost|local|internal|lan|home\.arpa)$/.test(host);
}

/**
 * Checked again before every send, with the host resolved: a subscription row written around the API (or a public
 * name that resolves to a private address) must not make the server POST into its own network.
 */
async function endpointIsPublic(endpoint: string): Promise<boolean> {
  if (!pushEndpointAllowed(endpoint)) return false;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  if (parseIp(host)) return true;
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every(({ address }) => isPublicAddress(address));
  } catch {
    return false;
  }
}

let endpointCheck: (endpoint: string) => Promise<boolean> = endpointIsPublic;

/** Tests deliver to a local fake push service on 127.0.0.1; production never calls this. */
export function allowLocalPushEndpointsForTests(allow: boolean) {
  endpointCheck = allow ? async () => true : endpointIsPublic;
}

/** Sends one push to one device and says how it went; never throws. */
export async function sendPush(
  target: PushTarget,
  message: PushMessage,
  vapid: VapidDetails,
  { ttlSeconds = PUSH_TTL_SECONDS, timeoutMs = PUSH_TIMEOUT_MS } = {},
): Promise<{ outcome: PushOutcome; status: number | null }> {
  if (!(await endpointCheck(target.endpoint))) {
    log.warn("push.endpoint_refused", { subscriptionId: target.id, host: hostOf(target.endpoint) });
    return { outcome: "failed", status: null };
  }
  let details: ReturnType<typeof generateRequestDetails>;
  try {
    details = generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payloadOf(message), {
      vapidDetails: vapid,
      TTL: ttlSeconds,
      urgency: "high",
    });
  } catch (error) {
    // Keys that cannot be encrypted for will never work: the subscription is as good as gone.
    log.warn("push.invalid_subscription", { subscriptionId: target.id, reason: error instanceof Error ? error.message : "invalid" });
    return { outcome: "gone", status: null };
  }
  // fetch computes the length itself and refuses a second one.
  const headers = Object.fromEntries(
    Object.entries(details.headers).filter(([name]) => name.toLowerCase() !== "content-length").map(([name, value]) => [name, String(value)]),
  );
  try {
    const response = await fetch(details.endpoint, {
      method: "POST",
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) return { outcome: "gone", status: response.status };
    if (response.ok) return { outcome: "sent", status: response.status };
    log.warn("push.rejected", { subscriptionId: target.id, host: hostOf(target.endpoint), status: response.status });
    return { outcome: "failed", status: response.status };
  } catch (error) {
    log.warn("push.unreachable", { subscriptionId: target.id, host: hostOf(target.endpoint), reason: error instanceof Error ? error.name : "error" });
    return { outcome: "failed", status: null };
  }
}

/** Keeps the device list honest after a send: success clears the failure count, gone deletes, failures count up. */
export async function recordPushOutcome(target: Pick<PushTarget, "id" | "userId">, outcome: PushOutcome): Promise<"kept" | "removed"> {
  return withServiceRole(async (tx) => {
    const mine = and(eq(pushSubscriptions.id, target.id), eq(pushSubscriptions.userId, target.userId));
    if (outcome === "sent") {
      await tx.update(pushSubscriptions).set({ lastSuccessAt: new Date(), failures: 0 }).where(mine);
      return "kept";
    }
    if (outcome === "gone") {
      await tx.delete(pushSubscriptions).where(mine);
      return "removed";
    }
    await tx.update(pushSubscriptions).set({ failures: sql`${pushSubscriptions.failures} + 1` }).where(mine);
    const pruned = await tx.delete(pushSubscriptions).where(and(mine, gte(pushSubscriptions.failures, MAX_PUSH_FAILURES))).returning({ id: pushSubscriptions.id });
    return pruned.length > 0 ? "removed" : "kept";
  });
}

/** Sends `message` to each device (in parallel: one slow push service must not hold up the others) and tallies. */
export async function pushToDevices(targets: PushTarget[], message: PushMessage): Promise<PushTally> {
  const tally: PushTally = { sent: 0, removed: 0, failed: 0 };
  const vapid = getVapid();
  if (!vapid || targets.length === 0) return tally;
  const results = await Promise.all(targets.map(async (target) => ({ target, ...(await sendPush(target, message, vapid)) })));
  for (const { target, outcome } of results) {
    const kept = await recordPushOutcome(target, outcome);
    if (outcome === "sent") tally.sent += 1;
    else if (kept === "removed") tally.removed += 1;
    if (outcome === "failed") tally.failed += 1;
  }
  return tally;
}

/** Every device of one person (a service transaction: the person's id comes from a notification row or verified claims). */
export async function devicesOf(serviceTx: Db, userId: string): Promise<PushTarget[]> {
  return serviceTx
    .select({
      id: pushSubscriptions.id,
      userId: pushSubscriptions.userId,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
}
