import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { markReadBody } from "@/lib/notifications/api";
import { markNotificationsRead } from "@/lib/notifications/queries";

/** Marks some (`{ ids }`) or all (`{ all: true }`) of the person's notifications read; answers the new unread count. */
export const POST = route<{ businessId: string }>("notifications.read", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const body = await parseJsonBody(request, markReadBody, 16 * 1024);
  const result = await asMember(businessId, undefined, ({ tx, claims }) =>
    markNotificationsRead(tx, { businessId, userId: claims.sub, ids: "all" in body ? "all" : body.ids }),
  );
  return NextResponse.json(result);
});
