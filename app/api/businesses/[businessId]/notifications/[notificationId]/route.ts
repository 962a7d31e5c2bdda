import { NextResponse } from "next/server";
import { z } from "zod";
import { asMember } from "@/lib/businesses/member-route";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { getNotificationWithDelivery } from "@/lib/notifications/queries";

const notificationParams = z.object({ businessId: z.uuid(), notificationId: z.uuid() });

/**
 * One of the person's notifications, and whether their preferences show it as a toast and ring for it now. The live
 * stream usually carries this with the event; the dashboard asks here when it did not.
 */
export const GET = route<{ businessId: string; notificationId: string }>("notifications.get", async (_request, { params }) => {
  const { businessId, notificationId } = parseParams(params, notificationParams);
  const found = await asMember(businessId, undefined, ({ tx, claims, business }) =>
    getNotificationWithDelivery(tx, { businessId, userId: claims.sub, notificationId, businessTimeZone: business.timeZone }),
  );
  if (!found) throw notFound("No such notification");
  return NextResponse.json(found);
});
