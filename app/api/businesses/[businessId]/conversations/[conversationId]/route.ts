import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { updateConversation } from "@/lib/inbox/actions";
import { conversationPatch } from "@/lib/inbox/api";
import { getConversationDetail } from "@/lib/inbox/detail";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

type Params = { businessId: string; conversationId: string };

export const GET = route<Params>("inbox.conversation", async (_request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  const detail = await asMember(businessId, undefined, ({ tx }) => getConversationDetail(tx, { businessId, conversationId }));
  return NextResponse.json(detail, { headers: { "Cache-Control": "no-store" } });
});

/** Assign to a member or a team, or change the priority. */
export const PATCH = route<Params>("inbox.conversation.update", async (request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  const patch = await parseJsonBody(request, conversationPatch, 4 * 1024);
  const conversation = await asMember(businessId, undefined, ({ tx, claims }) =>
    updateConversation(tx, { businessId, conversationId, userId: claims.sub }, patch),
  );
  return NextResponse.json({ conversation });
});
