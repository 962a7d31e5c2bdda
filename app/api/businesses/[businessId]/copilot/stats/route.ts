import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { copilotStats } from "@/lib/copilot/outcomes";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

/** How staff used reply suggestions over the last 30 days (owners and admins: the usage log is theirs to read). */
export const GET = route<{ businessId: string }>("copilot.stats", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const stats = await asMember(businessId, MANAGERS, ({ tx }) => copilotStats(tx, { businessId, days: 30 }));
  return NextResponse.json(stats);
});
