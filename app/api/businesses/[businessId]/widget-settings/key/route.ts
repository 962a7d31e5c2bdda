import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { regenerateWidgetKey } from "@/lib/widget/settings";

/** Replaces the public widget key (owners and admins). */
export const POST = route<{ businessId: string }>("widget-settings.key", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  return NextResponse.json(await asMember(businessId, MANAGERS, ({ tx }) => regenerateWidgetKey(tx, { businessId })));
});
