import { NextResponse } from "next/server";
import { userFromClaims } from "@/lib/auth/session";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { createInvitation, listInvitations } from "@/lib/teams/queries";
import { invitationInputSchema } from "@/lib/teams/schemas";

type Params = { businessId: string };

export const GET = route<Params>("invitations.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const invitations = await asMember(businessId, MANAGERS, ({ tx }) => listInvitations(tx, { businessId }));
  return NextResponse.json({ invitations });
});

export const POST = route<Params>("invitations.create", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const input = await parseJsonBody(request, invitationInputSchema);
  const created = await asMember(businessId, MANAGERS, ({ tx, claims, business, role }) =>
    createInvitation(tx, { business, inviter: { name: userFromClaims(claims).fullName, role }, input }),
  );
  return NextResponse.json(created, { status: 201 });
});
