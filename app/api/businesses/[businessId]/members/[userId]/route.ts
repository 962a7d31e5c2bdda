import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { MANAGERS, requireMembership } from "@/lib/businesses/access";
import { memberParams } from "@/lib/businesses/params";
import { withUser } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { changeMemberRole, removeMember } from "@/lib/teams/queries";
import { roleChangeSchema } from "@/lib/teams/schemas";

type Params = { businessId: string; userId: string };

export const PATCH = route<Params>("members.change-role", async (request, { params }) => {
  const { businessId, userId } = parseParams(params, memberParams);
  const claims = await requireApiClaims();
  const { role } = await parseJsonBody(request, roleChangeSchema);
  const member = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    return changeMemberRole(tx, { businessId, userId, role });
  });
  if (!member) throw notFound("Member not found");
  return NextResponse.json({ member });
});

/** Removes a member; members may always remove themselves (leave), unless they are the last owner. */
export const DELETE = route<Params>("members.remove", async (_request, { params }) => {
  const { businessId, userId } = parseParams(params, memberParams);
  const claims = await requireApiClaims();
  const leaving = userId === claims.sub;
  const removed = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: leaving ? undefined : MANAGERS });
    return removeMember(tx, { businessId, userId });
  });
  if (!removed) throw notFound("Member not found");
  return new Response(null, { status: 204 });
});
