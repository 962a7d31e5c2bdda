import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { createBusiness, listMyBusinesses } from "@/lib/businesses/queries";
import { businessInputSchema } from "@/lib/businesses/schemas";
import { withUser } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const GET = route("businesses.list", async () => {
  const claims = await requireApiClaims();
  const businesses = await withUser(claims, (tx) => listMyBusinesses(tx, { userId: claims.sub }));
  return NextResponse.json({ businesses });
});

export const POST = route("businesses.create", async (request) => {
  const claims = await requireApiClaims();
  const input = await parseJsonBody(request, businessInputSchema);
  const business = await withUser(claims, (tx) => createBusiness(tx, { userId: claims.sub, input }));
  return NextResponse.json({ business }, { status: 201 });
});
