import { notFound, redirect } from "next/navigation";
import { requestClaims } from "@/lib/auth/session";
import { requireMembership, MANAGERS } from "@/lib/businesses/access";
import { withServiceRole, withUser } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { listInvitations, listMembers, previewInvitation, type InvitationPreview, type InvitationView, type Member } from "./queries";
import { inviteTokenSchema } from "./schemas";

/** The Team settings page's data: members and invitations. Owners and admins only. */
export async function loadTeam(businessId: string): Promise<{ members: Member[]; invitations: InvitationView[] }> {
  const claims = await requestClaims();
  if (!claims) redirect(`/sign-in?next=${encodeURIComponent(`/b/${businessId}/settings/team`)}`);
  try {
    return await withUser(claims, async (tx) => {
      await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
      return { members: await listMembers(tx, { businessId }), invitations: await listInvitations(tx, { businessId }) };
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/**
 * What a signed-out visitor holding an invitation link may see: the business name, the role and whether the link
 * still works. The token is the secret, so this crosses the wall through the service client, read-only.
 */
export async function previewInvitationForVisitor(token: string): Promise<InvitationPreview | null> {
  if (!inviteTokenSchema.safeParse(token).success) return null;
  return withServiceRole((tx) => previewInvitation(tx, { token }));
}
