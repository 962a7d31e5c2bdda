import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { invitationParams } from "@/lib/businesses/params";
import { ApiError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { revokeInvitation } from "@/lib/teams/queries";

export const DELETE = route<{ businessId: string; invitationId: string }>("invitations.revoke", async (_request, { params }) => {
  const { businessId, invitationId } = parseParams(params, invitationParams);
  const outcome = await asMember(businessId, MANAGERS, ({ tx }) => revokeInvitation(tx, { businessId, invitationId }));
  if (outcome === "not_found") throw notFound("No invitation with that id");
  if (outcome === "closed") throw new ApiError(409, "conflict", "This invitation was already used or revoked");
  return new Response(null, { status: 204 });
});
