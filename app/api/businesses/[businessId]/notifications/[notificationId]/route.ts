import { NextResponse } from "next/server";
import { z } from "zod";
import { asMember } from "@/lib/businesses/member-route";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { notificationTypeSchema } from "@/lib/notifications/api";
import { deliveryFor } from "@/lib/notifications/preferences";
import { getNotification, getPreferences } from "@/lib/notifications/queries";

const notificationParams = z.object({ businessId: z.uuid(), notificationId: z.uuid() });

/**
 * One of the person's notifications, and whether their preferences show it as a toast and ring for it now (the
 * dashboard asks when told a notification was created; quiet hours keep the toast but silence it).
 */
export const GET = route<{ businessId: string; notificationId: string }>("notifications.get", async (_request, { params }) => {
  const { businessId, notificationId } = parseParams(params, notificationParams);
  const found = await asMember(businessId, undefined, async ({ tx, claims, business }) => {
    const item = await getNotification(tx, { businessId, userId: claims.sub, notificationId });
    if (!item) return null;
    const type = notificationTypeSchema.safeParse(item.type);
    if (!type.success) return { item, delivery: { toast: false, sound: false } };
    const prefs = await getPreferences(tx, { businessId, userId: claims.sub, businessTimeZone: business.timeZone });
    const { toast, sound } = deliveryFor(prefs, type.data, new Date());
    return { item, delivery: { toast, sound } };
  });
  if (!found) throw notFound("No such notification");
  return NextResponse.json(found);
});
