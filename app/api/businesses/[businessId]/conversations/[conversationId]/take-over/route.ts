import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { takeOverConversation } from "@/lib/inbox/actions";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

/** 409 when the conversation changed first (another person took it, or it is already in that state). */
export const POST = route<{ businessId: string; conversationId: string }>("inbox.take_over", async (_request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  const conversation = await asMember(businessId, undefined, ({ tx, claims }) => takeOverConversation(tx, { businessId, conversationId, userId: claims.sub }));
  return NextResponse.json({ conversation });
});
