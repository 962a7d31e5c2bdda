import { requireApiClaims } from "@/lib/auth/session";
import { withUser, type AuthClaims, type Db } from "@/lib/db";
import type { MemberRole } from "@/lib/db/schema";
import { requireMembership } from "./access";
import type { Business } from "./queries";

export type MemberContext = { tx: Db; claims: AuthClaims; business: Business; role: MemberRole };

/**
 * The common shape of a business-scoped API call: the verified session (401 without one), one transaction as that
 * user, and their membership of `businessId` (404 when they have none, 403 when their role is not in `roles`).
 */
export async function asMember<T>(
  businessId: string,
  roles: MemberRole[] | undefined,
  fn: (ctx: MemberContext) => Promise<T>,
): Promise<T> {
  const claims = await requireApiClaims();
  return withUser(claims, async (tx) => {
    const { business, role } = await requireMembership(tx, { businessId, userId: claims.sub, roles });
    return fn({ tx, claims, business, role });
  });
}
