import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { inboxCounts } from "@/lib/inbox/list";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("inbox.counts", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const counts = await asMember(businessId, undefined, ({ tx, claims }) => inboxCounts(tx, { businessId, userId: claims.sub }));
  return NextResponse.json(counts, { headers: { "Cache-Control": "no-store" } });
});
