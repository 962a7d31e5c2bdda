import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { listQuery } from "@/lib/inbox/api";
import { listConversations } from "@/lib/inbox/list";
import { route } from "@/lib/http/handler";
import { parseParams, parseQuery } from "@/lib/http/request";

/** The inbox list: a view (needs a person, mine, ...), filters and search, one keyset page at a time. */
export const GET = route<{ businessId: string }>("inbox.list", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const query = parseQuery(request, listQuery);
  const page = await asMember(businessId, undefined, ({ tx, claims }) => listConversations(tx, { businessId, userId: claims.sub, query }));
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});
