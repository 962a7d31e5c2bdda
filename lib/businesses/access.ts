import type { Db } from "@/lib/db";
import type { MemberRole } from "@/lib/db/schema";
import { forbidden, notFound } from "@/lib/http/errors";
import { getBusinessForMember } from "./queries";

export const MANAGERS: MemberRole[] = ["owner", "admin"];

/**
 * The caller's membership, or a 404 when they are not a member (a business they cannot see does not exist for them),
 * or a 403 when their role is not among `roles`. RLS enforces the same; this gives the right status and message.
 */
export async function requireMembership(
  db: Db,
  { businessId, userId, roles }: { businessId: string; userId: string; roles?: MemberRole[] },
) {
  const found = await getBusinessForMember(db, { businessId, userId });
  if (!found) throw notFound("Business not found");
  if (roles && !roles.includes(found.role)) {
    throw forbidden(`This needs the ${roles.join(" or ")} role; you are ${found.role === "agent" ? "an" : "a"} ${found.role}`);
  }
  return found;
}
