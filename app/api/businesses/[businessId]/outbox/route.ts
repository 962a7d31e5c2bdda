import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { MANAGERS, requireMembership } from "@/lib/businesses/access";
import { businessParams } from "@/lib/businesses/params";
import { withUser } from "@/lib/db";
import { listBusinessOutbox } from "@/lib/email/queries";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("outbox.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const claims = await requireApiClaims();
  const emails = await withUser(claims, async (tx) => {
    await requireMembership(tx, { businessId, userId: claims.sub, roles: MANAGERS });
    return listBusinessOutbox(tx, { businessId });
  });
  return NextResponse.json({ emails });
});
