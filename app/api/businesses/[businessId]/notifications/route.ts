import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseParams, parseQuery } from "@/lib/http/request";
import { listNotificationsQuery, type NotificationList } from "@/lib/notifications/api";
import { listNotifications } from "@/lib/notifications/queries";

/** The signed-in person's notifications in this business, newest first, with the unread count. */
export const GET = route<{ businessId: string }>("notifications.list", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const { cursor, limit } = parseQuery(request, listNotificationsQuery);
  const list: NotificationList = await asMember(businessId, undefined, ({ tx, claims }) =>
    listNotifications(tx, { businessId, userId: claims.sub, cursor, limit }),
  );
  return NextResponse.json(list);
});
