import { NextResponse } from "next/server";
import { requireApiClaims, userFromClaims } from "@/lib/auth/session";
import { MANAGERS, requireMembership } from "@/lib/businesses/access";
import { businessParams } from "@/lib/businesses/params";
import { withUser } from "@/lib/db";
import { forbidden } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { createInvitation, listInvitations } from "@/lib/teams/queries";
import { invitationInputSchema } from "@/lib/teams/schemas";

type Params = { businessId: string };

export const GET = route<Params>("invitations.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const invitations = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    return listInvitations(tx, { businessId });
  });
  return NextResponse.json({ invitations });
});

export const POST = route<Params>("invitations.create", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const input = await parseJsonBody(request, invitationInputSchema);
  const created = await withUser(claims, async (tx) => {
    const { business, role } = await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    if (input.role === "owner" && role !== "owner") throw forbidden("Only an owner can invite another owner");
    return createInvitation(tx, { businessId, businessName: business.name, inviterName: userFromClaims(claims).fullName, input });
  });
  return NextResponse.json(created, { status: 201 });
});
