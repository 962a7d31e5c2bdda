import { requireApiClaims } from "@/lib/auth/session";
import { MANAGERS, requireMembership } from "@/lib/businesses/access";
import { invitationParams } from "@/lib/businesses/params";
import { withUser } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { revokeInvitation } from "@/lib/teams/queries";

export const DELETE = route<{ businessId: string; invitationId: string }>("invitations.revoke", async (_request, { params }) => {
  const { businessId, invitationId } = parseParams(params, invitationParams);
  const claims = await requireApiClaims();
  const outcome = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    return revokeInvitation(tx, { businessId, invitationId });
  });
  if (outcome === "not_found") throw notFound("No invitation with that id");
  if (outcome === "closed") throw new ApiError(409, "conflict", "This invitation was already used or revoked");
  return new Response(null, { status: 204 });
});
