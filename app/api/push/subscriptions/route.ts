import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { withServiceRole, withUser } from "@/lib/db";
import { ApiError, badRequest, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";
import { subscriptionBody, unsubscribeBody } from "@/lib/notifications/api";
import { pushEndpointAllowed } from "@/lib/notifications/push";
import { listDevices, removeDevice, saveSubscription } from "@/lib/notifications/queries";
import { getVapid } from "@/lib/notifications/vapid";

/** The signed-in person's devices that receive pushes. */
export const GET = route("push.subscriptions.list", async () => {
  const claims = await requireApiClaims();
  const items = await withUser(claims, (tx) => listDevices(tx, { userId: claims.sub }));
  return NextResponse.json({ items });
});

/** Registers this browser's push subscription for the signed-in person (again: the keys are refreshed). */
export const POST = route("push.subscriptions.create", async (request) => {
  const claims = await requireApiClaims();
  const subscription = await parseJsonBody(request, subscriptionBody, 8 * 1024);
  if (!getVapid()) throw new ApiError(503, "unavailable", "Push notifications are not enabled on this server");
  if (!pushEndpointAllowed(subscription.endpoint)) {
    throw badRequest("endpoint", "endpoint must be a push service's public https:// address");
  }
  const id = await withServiceRole((tx) => saveSubscription(tx, { userId: claims.sub, subscription }));
  return NextResponse.json({ id }, { status: 201 });
});

/** Forgets one of the person's devices (this browser when it unsubscribes, or another from the device list). */
export const DELETE = route("push.subscriptions.delete", async (request) => {
  const claims = await requireApiClaims();
  const { endpoint } = await parseJsonBody(request, unsubscribeBody, 8 * 1024);
  const removed = await withUser(claims, (tx) => removeDevice(tx, { userId: claims.sub, endpoint }));
  if (!removed) throw notFound("No device of yours has that endpoint");
  return new NextResponse(null, { status: 204 });
});
