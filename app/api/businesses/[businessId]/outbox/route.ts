import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { listBusinessOutbox } from "@/lib/email/queries";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("outbox.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const emails = await asMember(businessId, MANAGERS, ({ tx }) => listBusinessOutbox(tx, { businessId }));
  return NextResponse.json({ emails });
});
