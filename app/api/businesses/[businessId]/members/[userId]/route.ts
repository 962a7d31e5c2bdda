import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { memberParams } from "@/lib/businesses/params";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { changeMemberRole, removeMember } from "@/lib/teams/queries";
import { roleChangeSchema } from "@/lib/teams/schemas";

type Params = { businessId: string; userId: string };

export const PATCH = route<Params>("members.change-role", async (request, { params }) => {
  const { businessId, userId } = parseParams(params, memberParams);
  const { role } = await parseJsonBody(request, roleChangeSchema);
  const member = await asMember(businessId, MANAGERS, ({ tx }) => changeMemberRole(tx, { businessId, userId, role }));
  if (!member) throw notFound("Member not found");
  return NextResponse.json({ member });
});

export const DELETE = route<Params>("members.remove", async (_request, { params }) => {
  const { businessId, userId } = parseParams(params, memberParams);
  const removed = await asMember(businessId, undefined, ({ tx, claims, role }) =>
    removeMember(tx, { businessId, userId, actor: { userId: claims.sub, role } }),
  );
  if (!removed) throw notFound("Member not found");
  return new Response(null, { status: 204 });
});
