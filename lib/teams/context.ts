import { notFound, redirect } from "next/navigation";
import { requestClaims } from "@/lib/auth/session";
import { requireMembership, MANAGERS } from "@/lib/businesses/access";
import { withUser } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { listInvitations, listMembers, type InvitationView, type Member } from "./queries";

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
