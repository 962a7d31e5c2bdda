import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { requireMembership } from "@/lib/businesses/access";
import { businessParams } from "@/lib/businesses/params";
import { withUser } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { listMembers } from "@/lib/teams/queries";

export const GET = route<{ businessId: string }>("members.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const members = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub });
    return listMembers(tx, { businessId });
  });
  return NextResponse.json({ members });
});
