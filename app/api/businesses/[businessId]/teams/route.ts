import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { teamInput } from "@/lib/inbox/api";
import { createTeam, listTeams } from "@/lib/inbox/teams";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("teams.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const items = await asMember(businessId, undefined, ({ tx }) => listTeams(tx, { businessId }));
  return NextResponse.json({ items });
});

export const POST = route<{ businessId: string }>("teams.create", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const input = await parseJsonBody(request, teamInput, 16 * 1024);
  const team = await asMember(businessId, MANAGERS, ({ tx }) => createTeam(tx, { businessId, input }));
  return NextResponse.json(team, { status: 201 });
});
