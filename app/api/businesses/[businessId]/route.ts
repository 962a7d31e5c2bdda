import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { updateBusiness } from "@/lib/businesses/queries";
import { businessUpdateSchema } from "@/lib/businesses/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("businesses.get", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const { business, role } = await asMember(businessId, undefined, async (ctx) => ctx);
  return NextResponse.json({ business, role });
});

export const PATCH = route<{ businessId: string }>("businesses.update", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const changes = await parseJsonBody(request, businessUpdateSchema);
  const business = await asMember(businessId, MANAGERS, ({ tx }) => updateBusiness(tx, { businessId, changes }));
  return NextResponse.json({ business });
});
