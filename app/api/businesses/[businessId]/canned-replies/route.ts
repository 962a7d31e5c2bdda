import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { cannedReplyInput } from "@/lib/inbox/api";
import { createCannedReply, listCannedReplies } from "@/lib/inbox/canned-replies";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("canned-replies.list", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const items = await asMember(businessId, undefined, ({ tx }) => listCannedReplies(tx, { businessId }));
  return NextResponse.json({ items });
});

export const POST = route<{ businessId: string }>("canned-replies.create", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const input = await parseJsonBody(request, cannedReplyInput, 32 * 1024);
  const reply = await asMember(businessId, MANAGERS, ({ tx }) => createCannedReply(tx, { businessId, input }));
  return NextResponse.json(reply, { status: 201 });
});
