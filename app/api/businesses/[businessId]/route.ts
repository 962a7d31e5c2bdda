import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { MANAGERS, requireMembership } from "@/lib/businesses/access";
import { businessParams } from "@/lib/businesses/params";
import { updateBusiness } from "@/lib/businesses/queries";
import { businessUpdateSchema } from "@/lib/businesses/schemas";
import { withUser } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("businesses.get", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const { business, role } = await withUser(claims, (tx) => requireMembership(tx, { businessId, userId: claims.sub }));
  return NextResponse.json({ business, role });
});

export const PATCH = route<{ businessId: string }>("businesses.update", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const changes = await parseJsonBody(request, businessUpdateSchema);
  const business = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    return updateBusiness(tx, { businessId, changes });
  });
  return NextResponse.json({ business });
});
