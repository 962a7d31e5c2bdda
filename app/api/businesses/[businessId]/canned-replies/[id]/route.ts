import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { itemParams } from "@/lib/businesses/params";
import { cannedReplyInput } from "@/lib/inbox/api";
import { deleteCannedReply, updateCannedReply } from "@/lib/inbox/canned-replies";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

type Params = { businessId: string; id: string };

export const PATCH = route<Params>("canned-replies.update", async (request, { params }) => {
  const { businessId, id } = parseParams(params, itemParams);
  const input = await parseJsonBody(request, cannedReplyInput, 32 * 1024);
  const reply = await asMember(businessId, MANAGERS, ({ tx }) => updateCannedReply(tx, { businessId, id, input }));
  return NextResponse.json(reply);
});

export const DELETE = route<Params>("canned-replies.delete", async (_request, { params }) => {
  const { businessId, id } = parseParams(params, itemParams);
  await asMember(businessId, MANAGERS, ({ tx }) => deleteCannedReply(tx, { businessId, id }));
  return new NextResponse(null, { status: 204 });
});
