import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { requestClaims, userFromClaims } from "@/lib/auth/session";
import type { AuthUser } from "@/lib/auth/types";
import { withUser } from "@/lib/db";
import type { MemberRole } from "@/lib/db/schema";
import { getBusinessForMember, listMyBusinesses, type Business, type BusinessSummary } from "./queries";

export type DashboardContext = { user: AuthUser; business: Business; role: MemberRole; businesses: BusinessSummary[] };

export async function currentUser(): Promise<AuthUser | null> {
  const claims = await requestClaims();
  return claims ? userFromClaims(claims) : null;
}

export const listMyBusinessesForCurrentUser = cache(async (): Promise<BusinessSummary[]> => {
  const claims = await requestClaims();
  if (!claims) return [];
  return withUser(claims, (tx) => listMyBusinesses(tx, { userId: claims.sub }));
});

/** Everything the dashboard shell needs; signed-out users go to sign-in, non-members get a 404. */
export const loadDashboard = cache(async (businessId: string): Promise<DashboardContext> => {
  const claims = await requestClaims();
  if (!claims) redirect(`/sign-in?next=${encodeURIComponent(`/b/${businessId}`)}`);
  if (!z.uuid().safeParse(businessId).success) notFound();
  const result = await withUser(claims, async (tx) => {
    const found = await getBusinessForMember(tx, { businessId, userId: claims.sub });
    if (!found) return null;
    return { ...found, businesses: await listMyBusinesses(tx, { userId: claims.sub }) };
  });
  if (!result) notFound();
  return { user: userFromClaims(claims), ...result };
});
