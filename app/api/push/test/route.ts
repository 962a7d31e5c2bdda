import { NextResponse } from "next/server";
import { RateLimiter } from "@/lib/auth/rate-limit";
import { requireApiClaims } from "@/lib/auth/session";
import { withServiceRole } from "@/lib/db";
import { ApiError, conflict } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { devicesOf, pushToDevices } from "@/lib/notifications/push";
import { getVapid } from "@/lib/notifications/vapid";

const globalForTestPush = globalThis as unknown as { __frontdeskTestPushLimiter?: RateLimiter };
// A test push is a button press; more than a few a minute is a loop.
const limiter = (globalForTestPush.__frontdeskTestPushLimiter ??= new RateLimiter(5, 60_000));

/** Sends a test push to each of the signed-in person's devices; dead ones are pruned on the way. */
export const POST = route("push.test", async () => {
  const claims = await requireApiClaims();
  if (!getVapid()) throw new ApiError(503, "unavailable", "Push notifications are not enabled on this server");
  const wait = limiter.hit(claims.sub);
  if (wait > 0) {
    throw new ApiError(429, "rate_limited", `Too many test pushes: try again in ${wait} seconds`, undefined, { "retry-after": String(wait) });
  }
  const devices = await withServiceRole((tx) => devicesOf(tx, claims.sub));
  if (devices.length === 0) throw conflict("No device of yours receives pushes yet: enable push on this device first");
  const tally = await pushToDevices(devices, {
    title: "Frontdesk test notification",
    body: "Push works on this device. Handoffs will arrive like this.",
    url: "/",
    tag: "frontdesk-test",
  });
  return NextResponse.json({ devices: devices.length, ...tally });
});
