import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { listMembers } from "@/lib/teams/queries";

export const GET = route<{ businessId: string }>("members.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const members = await asMember(businessId, undefined, ({ tx }) => listMembers(tx, { businessId }));
  return NextResponse.json({ members });
});
