import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { itemParams } from "@/lib/businesses/params";
import { teamInput } from "@/lib/inbox/api";
import { deleteTeam, updateTeam } from "@/lib/inbox/teams";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

type Params = { businessId: string; id: string };

export const PATCH = route<Params>("teams.update", async (request, { params }) => {
  const { businessId, id } = parseParams(params, itemParams);
  const input = await parseJsonBody(request, teamInput, 16 * 1024);
  const team = await asMember(businessId, MANAGERS, ({ tx }) => updateTeam(tx, { businessId, id, input }));
  return NextResponse.json(team);
});

export const DELETE = route<Params>("teams.delete", async (_request, { params }) => {
  const { businessId, id } = parseParams(params, itemParams);
  await asMember(businessId, MANAGERS, ({ tx }) => deleteTeam(tx, { businessId, id }));
  return new NextResponse(null, { status: 204 });
});
